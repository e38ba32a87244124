namespace StoreSales.Domain.SalesForce.Customers.Import;

/// <summary>
/// One data row of a customer CSV file as uploaded, unchecked (null for an empty or missing field).
/// <see cref="Problem"/> says what was wrong with the line itself (its field count), found while reading the file.
/// </summary>
public sealed record ImportRow(
    int RowNumber,
    string? RowKey,
    string? Kind,
    string? Name,
    string? Phone = null,
    string? CreditCode = null,
    string? MemberCode = null,
    string? OwnerRepId = null,
    string? DepartmentId = null,
    string? ServiceFrom = null,
    string? ServiceTo = null,
    string? Problem = null);
