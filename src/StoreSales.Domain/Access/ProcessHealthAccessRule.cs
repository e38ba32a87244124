namespace StoreSales.Domain.Access;

/// <summary>
/// Who sees a rep's or a team's process health (docs/domain.md, "Rep process health"): the people who lead the rep,
/// and the rep. Anyone else is answered as for a rep or team that does not exist.
/// </summary>
public static class ProcessHealthAccessRule
{
    /// <summary>
    /// A rep's week: the rep, the manager of the rep's store, a sales manager of the rep's department, the region's
    /// manager and supervisors, HQ and administrators. Not a colleague: their figures are their manager's to discuss.
    /// </summary>
    public static bool CanSeeRep(ViewerScope viewer, string repId, string storeId, string regionId, string departmentId) =>
        viewer.CanSeeRep(repId, storeId, regionId)
        || (viewer.Roles.Contains(ChainRoles.SalesManager) && viewer.Departments.Contains(departmentId));

    /// <summary>
    /// A team's week (its reps pooled): HQ and administrators; a sales manager of the department; a store manager
    /// leading it (the store's own team, named by the store id, or a department named to them); the manager and
    /// supervisors of the region when every rep of the team works there, since the pooled figures are every rep's.
    /// </summary>
    /// <param name="viewer">Who asks.</param>
    /// <param name="departmentId">The team.</param>
    /// <param name="repRegions">The region of each rep's store.</param>
    public static bool CanSeeTeam(ViewerScope viewer, string departmentId, IReadOnlyCollection<string> repRegions) =>
        viewer.SeesWholeChain
        || (viewer.Roles.Contains(ChainRoles.SalesManager) && viewer.Departments.Contains(departmentId))
        || (viewer.Roles.Contains(ChainRoles.StoreManager) && (viewer.Stores.Contains(departmentId) || viewer.Departments.Contains(departmentId)))
        || (repRegions.Count > 0 && repRegions.All(viewer.CanSeeRegion));
}
