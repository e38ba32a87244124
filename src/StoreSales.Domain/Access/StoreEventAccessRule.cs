namespace StoreSales.Domain.Access;

/// <summary>
/// Who reads and who records a store's events (docs/domain.md "Store events"): everyone who may see the store reads
/// them; the store's manager, the regional manager of its region and HQ record, edit and cancel them. A field
/// supervisor, a rep, an administrator or a board reads only.
/// </summary>
public static class StoreEventAccessRule
{
    public static bool CanRead(ViewerScope viewer, string storeId, string regionId) => viewer.CanSeeStore(storeId, regionId);

    public static bool CanRecord(ViewerScope viewer, string storeId, string regionId) =>
        viewer.Roles.Contains(ChainRoles.Hq)
        || (viewer.Roles.Contains(ChainRoles.RegionalManager) && viewer.Regions.Contains(regionId))
        || (viewer.Roles.Contains(ChainRoles.StoreManager) && viewer.Stores.Contains(storeId));
}
