namespace StoreSales.Domain.SalesForce.Customers.Import;

/// <summary>What became of one row of an import.</summary>
public enum ImportOutcomeKind
{
    /// <summary>A new customer (<see cref="ImportOutcome.CustomerId"/>).</summary>
    Created,

    /// <summary>Its row key had made a customer before (this file imported again): nothing added.</summary>
    AlreadyImported,

    /// <summary>One of its keys is held by another customer (one customer, one id): nothing added.</summary>
    Duplicate,

    /// <summary>A field is missing or invalid, or the importer may not create it: nothing added.</summary>
    Rejected,
}

/// <summary>
/// The outcome of one row. For a duplicate, <see cref="CustomerId"/> is the existing customer and
/// <see cref="MatchedBy"/> the strongest key it holds; <see cref="EarlierRow"/> is set when that customer was made by an
/// earlier row of the same file. For a rejection, <see cref="Rejection"/> says why. <see cref="Candidate"/> is the
/// customer to insert for a created row.
/// </summary>
public sealed record ImportOutcome(
    int RowNumber,
    ImportOutcomeKind Kind,
    string? CustomerId = null,
    CustomerKeyKind? MatchedBy = null,
    int? EarlierRow = null,
    ImportRejection? Rejection = null,
    ImportCandidate? Candidate = null);
