namespace StoreSales.Domain.Access;

/// <summary>
/// Who reads the attribution report (docs/domain.md, "Attribution report"): HQ and administrators the whole chain; a
/// regional manager (and the region's field supervisors) their region's stores and its roll-up; a store manager their
/// own store's line. Nobody else: a rep or a store's TV board has no report to read.
/// </summary>
public static class AttributionAccessRule
{
    public static bool MayRead(ViewerScope viewer) =>
        viewer.SeesWholeChain || LeadsARegion(viewer) || (viewer.Roles.Contains(ChainRoles.StoreManager) && !viewer.Stores.IsEmpty);

    /// <summary>A region's roll-up: only for those who see every store of it.</summary>
    public static bool SeesRegion(ViewerScope viewer, string regionId) => viewer.CanSeeRegion(regionId);

    public static bool SeesStore(ViewerScope viewer, string storeId, string regionId) =>
        viewer.CanSeeRegion(regionId) || (viewer.Roles.Contains(ChainRoles.StoreManager) && viewer.Stores.Contains(storeId));

    private static bool LeadsARegion(ViewerScope viewer) =>
        (viewer.Roles.Contains(ChainRoles.RegionalManager) || viewer.Roles.Contains(ChainRoles.FieldSupervisor)) && !viewer.Regions.IsEmpty;
}
