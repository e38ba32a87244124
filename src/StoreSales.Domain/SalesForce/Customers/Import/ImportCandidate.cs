using System.Collections.Immutable;

namespace StoreSales.Domain.SalesForce.Customers.Import;

/// <summary>
/// A row that passed every check: the customer it would create, normalised as one created by the API would be, and
/// its deduplication keys (strongest first).
/// </summary>
public sealed record ImportCandidate(
    int RowNumber,
    string RowKey,
    CustomerKind Kind,
    string DisplayName,
    string NormalizedName,
    string? Phone,
    string? CreditCode,
    string? MemberCode,
    string OwnerRepId,
    string DepartmentId,
    DateOnly ServiceFrom,
    DateOnly? ServiceTo,
    ImmutableArray<CustomerKey> Keys);
