namespace StoreSales.Data.Quotes;

/// <summary>
/// What quoting needs of an opportunity: whose it is (owner rep, team, the rep's store and region: the scope), the
/// customer the quote is made out to, the owner rep's level (the tier matrix's row), and whether it is still open.
/// </summary>
public sealed record QuoteOpportunity(
    string OpportunityId,
    string Title,
    string CustomerId,
    string CustomerName,
    string OwnerRepId,
    string DepartmentId,
    string? OwnerStoreId,
    string? RegionId,
    string RepLevel,
    string Currency,
    string? Outcome);
