using System.Collections.Immutable;

namespace StoreSales.Domain.Access;

/// <summary>
/// Who may start a rep's departure and see and work their customers' hand-overs (docs/domain.md "Offboarding
/// hand-over"). A departing rep's team is their store (its manager) and their department (its sales manager); the
/// store's region's supervisors watch over it; a successor sees the hand-overs naming them. The API and pages ask this
/// one rule; a hand-over or rep outside the viewer's sight is not found, exactly like an unknown one.
/// </summary>
public static class HandOverAccessRule
{
    /// <summary>Starting the departure, naming successors, completing: the rep's store manager, a sales manager of their department, an administrator.</summary>
    public static bool CanManage(ViewerScope viewer, string storeId, string departmentId) =>
        viewer.Roles.Contains(ChainRoles.Admin)
        || (viewer.Roles.Contains(ChainRoles.StoreManager) && viewer.Stores.Contains(storeId))
        || (viewer.Roles.Contains(ChainRoles.SalesManager) && viewer.Departments.Contains(departmentId));

    /// <summary>
    /// Seeing a departing rep's hand-overs: those who manage it, the region's managers and supervisors, HQ, and the
    /// successors named in it (<paramref name="successors"/>).
    /// </summary>
    public static bool CanSee(ViewerScope viewer, string storeId, string departmentId, string regionId, IReadOnlyCollection<string> successors) =>
        viewer.SeesWholeChain
        || CanManage(viewer, storeId, departmentId)
        || LeadsRegion(viewer, regionId)
        || (viewer.RepId is { } rep && successors.Contains(rep, StringComparer.Ordinal));

    /// <summary>Whether a departure's rep is in the viewer's sight (else: 404): as <see cref="CanSee"/>, and the rep themselves.</summary>
    public static bool SeesRep(ViewerScope viewer, string repId, string storeId, string departmentId, string regionId) =>
        string.Equals(viewer.RepId, repId, StringComparison.Ordinal) || CanSee(viewer, storeId, departmentId, regionId, []);

    /// <summary>Whether the hand-over worklist is for this viewer at all (its navigation entry): anyone whose list may show something.</summary>
    public static bool SeesWorklist(ViewerScope viewer) =>
        !viewer.IsReadOnly
        && (viewer.SeesWholeChain || viewer.RepId is not null
            || (ListScope(viewer) is var scope && (scope.Regions.Count > 0 || scope.Stores.Count > 0 || scope.Departments.Count > 0)));

    /// <summary>The hand-overs the viewer's list shows.</summary>
    public static HandOverScope ListScope(ViewerScope viewer)
    {
        var empty = ImmutableHashSet<string>.Empty;
        return new HandOverScope(
            viewer.SeesWholeChain,
            viewer.Roles.Contains(ChainRoles.RegionalManager) || viewer.Roles.Contains(ChainRoles.FieldSupervisor) ? viewer.Regions : empty,
            viewer.Roles.Contains(ChainRoles.StoreManager) ? viewer.Stores : empty,
            viewer.Roles.Contains(ChainRoles.SalesManager) ? viewer.Departments : empty,
            viewer.RepId);
    }

    private static bool LeadsRegion(ViewerScope viewer, string regionId) =>
        (viewer.Roles.Contains(ChainRoles.RegionalManager) || viewer.Roles.Contains(ChainRoles.FieldSupervisor)) && viewer.Regions.Contains(regionId);
}
