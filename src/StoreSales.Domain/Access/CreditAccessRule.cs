namespace StoreSales.Domain.Access;

/// <summary>
/// Who keeps and sees a B2B customer's credit and orders (docs/domain.md "Credit hold"). Finance keeps the ledger
/// (receivables, payments, limits) chain-wide, with administrators; everyone who may see the customer
/// (<see cref="CustomerAccessRule.Sight"/>) sees its credit and orders, and finance sees every customer's. An order is
/// placed by whoever may create customers for its owner: the owner rep, the team's manager, an administrator.
/// </summary>
public static class CreditAccessRule
{
    /// <summary>Records receivables and payments, imports them, sets limits: finance and administrators, never a board.</summary>
    public static bool CanKeepLedger(ViewerScope viewer) =>
        !viewer.IsReadOnly && (viewer.Roles.Contains(ChainRoles.Finance) || viewer.Roles.Contains(ChainRoles.Admin));

    /// <summary>Sees the customer's credit panel and orders: finance chain-wide, else whoever sees the customer.</summary>
    public static bool CanSee(ViewerScope viewer, string ownerRepId, string departmentId, string? ownerStoreId) =>
        viewer.Roles.Contains(ChainRoles.Finance) || CustomerAccessRule.Sight(viewer, ownerRepId, departmentId, ownerStoreId) != CustomerSight.Hidden;

    /// <summary>Places an order for the customer: the owner rep, the team's manager, an administrator.</summary>
    public static bool CanPlaceOrder(ViewerScope viewer, string ownerRepId, string departmentId, string? ownerStoreId) =>
        !viewer.IsReadOnly && CustomerAccessRule.CanCreate(viewer, ownerRepId, departmentId, ownerStoreId);

    /// <summary>Whether the orders page is the viewer's: finance, HQ, administrators, reps and the teams' managers.</summary>
    public static bool SeesOrders(ViewerScope viewer) =>
        SeesAllOrders(viewer) || viewer.RepId is not null || viewer.Roles.Contains(ChainRoles.SalesManager) || viewer.Roles.Contains(ChainRoles.StoreManager);

    /// <summary>Whether the viewer sees every customer's orders (finance, HQ, administrators): no scope filter on lists.</summary>
    public static bool SeesAllOrders(ViewerScope viewer) => viewer.SeesWholeChain || viewer.Roles.Contains(ChainRoles.Finance);
}
