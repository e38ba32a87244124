namespace StoreSales.Domain.Access;

/// <summary>
/// Who works a region's decomposition (docs/domain.md "Decomposition", "Dual-track calibration"): HQ enters the
/// region's target and so the proposal; the region's own regional manager corrects stores; either applies it. Whoever
/// may see the region reads it; to anyone else the region's decomposition does not exist (404, as an unknown region).
/// </summary>
public static class DecompositionAccessRule
{
    public static bool CanRead(ViewerScope viewer, string regionId) => viewer.CanSeeRegion(regionId);

    public static bool CanPropose(ViewerScope viewer) => viewer.Roles.Contains(ChainRoles.Hq);

    public static bool CanCorrect(ViewerScope viewer, string regionId) =>
        viewer.Roles.Contains(ChainRoles.RegionalManager) && viewer.Regions.Contains(regionId);

    public static bool CanApply(ViewerScope viewer, string regionId) => CanPropose(viewer) || CanCorrect(viewer, regionId);
}
