using StoreSales.Domain.Access;

namespace StoreSales.Domain.Sales.History;

/// <summary>
/// Who may import past sales: head office and administrators. An import writes any store's ledger (the file names the
/// stores), so it is no store's or region's to run.
/// </summary>
public static class HistoryImportRight
{
    public static bool CanImport(ViewerScope viewer) =>
        viewer.Roles.Contains(ChainRoles.Hq) || viewer.Roles.Contains(ChainRoles.Admin);
}
