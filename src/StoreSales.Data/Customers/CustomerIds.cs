namespace StoreSales.Data.Customers;

/// <summary>
/// New customer ids: <c>cust-</c> and a version 7 GUID. Prefixed because Orleans string keys must not be purely numeric
/// (a customer grain is keyed by it); version 7 because its time-ordered bits keep inserts at the end of the B-tree.
/// </summary>
public static class CustomerIds
{
    public const string Prefix = "cust-";

    public static string New() => Prefix + Guid.CreateVersion7().ToString("N");
}
