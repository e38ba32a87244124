namespace StoreSales.Data.Customers.Export;

/// <summary>
/// A customer as the export reads it, with what the access rule needs: the owner rep's store (master data) and whether
/// the customer is in the public pool (nobody's then).
/// </summary>
public sealed record ExportedCustomer(
    string CustomerId,
    string Kind,
    string Name,
    string? Phone,
    string? CreditCode,
    string? MemberCode,
    string OwnerRepId,
    string DepartmentId,
    DateOnly ServiceFrom,
    DateOnly? ServiceTo,
    string? ImportRowKey,
    string? OwnerStoreId,
    bool InPool);
