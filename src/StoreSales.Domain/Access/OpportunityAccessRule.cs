namespace StoreSales.Domain.Access;

/// <summary>
/// Who may see and work an opportunity (docs/domain.md "Opportunities"): as for its customer, the owner rep and the
/// managers leading its team (<see cref="CustomerAccessRule"/>), HQ and administrators; beside them the sales director of
/// its team or region, and its region's managers and supervisors, who see it. Only the owner rep and the team's managers
/// move it or upload its evidence. Anyone else (another team's rep) does not see it at all: not even whether it exists,
/// nor its evidence files.
/// </summary>
public static class OpportunityAccessRule
{
    public static bool CanSee(ViewerScope viewer, string ownerRepId, string departmentId, string? ownerStoreId, string? regionId) =>
        CustomerAccessRule.Sight(viewer, ownerRepId, departmentId, ownerStoreId) != CustomerSight.Hidden
        || (regionId is not null && viewer.CanSeeRegion(regionId))
        || (viewer.Roles.Contains(ChainRoles.SalesDirector)
            && (viewer.Departments.Contains(departmentId) || (regionId is not null && viewer.Regions.Contains(regionId))));

    /// <summary>Moving a stage and uploading evidence: the owner rep, the team's managers (never HQ from afar, never a board).</summary>
    public static bool CanWork(ViewerScope viewer, string ownerRepId, string departmentId, string? ownerStoreId) =>
        !viewer.IsReadOnly
        && ((viewer.RepId is { } rep && string.Equals(rep, ownerRepId, StringComparison.Ordinal))
            || (!viewer.SeesWholeChain && CustomerAccessRule.Sight(viewer, ownerRepId, departmentId, ownerStoreId) != CustomerSight.Hidden));

    /// <summary>Opening an opportunity: as creating a customer for that owner and team (<see cref="CustomerAccessRule.CanCreate"/>).</summary>
    public static bool CanCreate(ViewerScope viewer, string ownerRepId, string departmentId, string? ownerStoreId) =>
        CustomerAccessRule.CanCreate(viewer, ownerRepId, departmentId, ownerStoreId);

    /// <summary>A team's pipeline: the team's managers, its sales director, HQ and administrators, the reps of the team see their own only.</summary>
    public static bool CanSeeTeam(ViewerScope viewer, string departmentId) =>
        viewer.SeesWholeChain
        || ((viewer.Roles.Contains(ChainRoles.SalesManager) || viewer.Roles.Contains(ChainRoles.SalesDirector) || viewer.Roles.Contains(ChainRoles.StoreManager))
            && (viewer.Departments.Contains(departmentId) || viewer.Stores.Contains(departmentId)));
}
