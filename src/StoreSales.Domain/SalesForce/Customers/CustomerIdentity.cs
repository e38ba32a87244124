namespace StoreSales.Domain.SalesForce.Customers;

/// <summary>
/// A customer's identity fields as entered (API, page, CSV row, till member code); any may be missing.
/// </summary>
public sealed record CustomerIdentity(
    CustomerKind Kind,
    string? Name,
    string? MemberCode = null,
    string? Phone = null,
    string? CreditCode = null);
