namespace StoreSales.Domain.Access;

/// <summary>
/// Who sets which monthly target (docs/domain.md "Sales targets"): HQ the regions', a regional manager their region's
/// stores' (HQ too), a store manager their store's reps'. Seeing a target follows <see cref="ViewerScope"/>'s sight of the
/// region, store or rep; a target out of sight is answered as unknown.
/// </summary>
public static class TargetAccessRule
{
    public static bool CanSetRegion(ViewerScope viewer) => viewer.Roles.Contains(ChainRoles.Hq);

    public static bool CanSetStore(ViewerScope viewer, string regionId) =>
        viewer.Roles.Contains(ChainRoles.Hq) || (viewer.Roles.Contains(ChainRoles.RegionalManager) && viewer.Regions.Contains(regionId));

    public static bool CanSetRep(ViewerScope viewer, string storeId) =>
        viewer.Roles.Contains(ChainRoles.StoreManager) && viewer.Stores.Contains(storeId);

    /// <summary>Deciding change requests is the configured approver role's (Targets:Freeze:ApproverRole).</summary>
    public static bool CanDecide(ViewerScope viewer, string approverRole) => viewer.Roles.Contains(approverRole);
}
