using System.Collections.Immutable;

namespace StoreSales.Domain.Access;

/// <summary>
/// Who may see and change a customer (customer ownership, 客户主权; docs/domain.md "Customer access"). A customer belongs
/// to its owner rep and to a sales team (department); a store's manager leads the reps of that store, so the owner rep's
/// store (<c>ownerStoreId</c>, from master data) puts the customer in that manager's team whatever its department. Contact details are the owner's to use: everyone else who may see
/// the customer sees them masked, and export of contact details is a right of its own, audited, never a side effect of
/// a broad role. The API, pages and hub ask this one rule.
/// </summary>
public static class CustomerAccessRule
{
    /// <summary>What the viewer sees of a customer owned by <paramref name="ownerRepId"/> in <paramref name="departmentId"/>.</summary>
    public static CustomerSight Sight(ViewerScope viewer, string ownerRepId, string departmentId, string? ownerStoreId = null)
    {
        if (viewer.RepId is { } rep && string.Equals(rep, ownerRepId, StringComparison.Ordinal))
        {
            return CustomerSight.Full;
        }

        return viewer.SeesWholeChain || LeadsTeam(viewer, departmentId, ownerStoreId) ? CustomerSight.Masked : CustomerSight.Hidden;
    }

    /// <summary>
    /// Whether the viewer may create a customer for this owner and team: a rep for themselves in their own team; a
    /// team's manager for any owner in the team; an administrator anywhere.
    /// </summary>
    public static bool CanCreate(ViewerScope viewer, string ownerRepId, string departmentId, string? ownerStoreId = null) =>
        viewer.Roles.Contains(ChainRoles.Admin)
        || LeadsTeam(viewer, departmentId, ownerStoreId)
        || (viewer.RepId is { } rep && string.Equals(rep, ownerRepId, StringComparison.Ordinal) && BelongsTo(viewer, departmentId));

    /// <summary>
    /// Whether the viewer may import a CSV file of customers: as for creating customers for others, an administrator or a
    /// store or sales manager. Each row is then judged by <see cref="CanCreate"/> (a row for a rep outside the importer's
    /// teams is rejected). A rep creates their customers one at a time.
    /// </summary>
    public static bool CanImport(ViewerScope viewer) =>
        viewer.Roles.Contains(ChainRoles.Admin) || viewer.Roles.Contains(ChainRoles.SalesManager) || viewer.Roles.Contains(ChainRoles.StoreManager);

    /// <summary>
    /// Whether the viewer may export customers with their contact details: only with the right of its own
    /// (<see cref="ChainRights.ExportContacts"/>), never because of a broad role; never a read-only board. What is
    /// exported is still only what <see cref="Sight"/> lets the viewer see.
    /// </summary>
    public static bool CanExportContacts(ViewerScope viewer) =>
        !viewer.IsReadOnly && viewer.Rights.Contains(ChainRights.ExportContacts);

    /// <summary>Whether the viewer may record an interaction with a customer: a rep (the one who had it) who may see it.</summary>
    public static bool CanRecordInteraction(ViewerScope viewer, string ownerRepId, string departmentId, string? ownerStoreId = null) =>
        viewer.RepId is not null && Sight(viewer, ownerRepId, departmentId, ownerStoreId) != CustomerSight.Hidden;

    /// <summary>Whether the viewer may give a customer of this team to a rep as a lead: the team's manager, an administrator.</summary>
    public static bool CanAssignLead(ViewerScope viewer, string departmentId, string? ownerStoreId = null) =>
        viewer.Roles.Contains(ChainRoles.Admin) || LeadsTeam(viewer, departmentId, ownerStoreId);

    /// <summary>
    /// Whether the viewer may merge two customer records: an administrator, or a sales manager leading both customers'
    /// teams. A store manager may not: merging moves one rep's customer history onto another's.
    /// </summary>
    public static bool CanMerge(ViewerScope viewer, string keptDepartmentId, string mergedDepartmentId) =>
        viewer.Roles.Contains(ChainRoles.Admin)
        || (viewer.Roles.Contains(ChainRoles.SalesManager) && viewer.Departments.Contains(keptDepartmentId) && viewer.Departments.Contains(mergedDepartmentId));

    /// <summary>
    /// The teams whose public-pool entries the viewer sees (docs/domain.md "Public pool claims"): a rep their own teams'
    /// (the pool is where they claim from), a store or sales manager the teams they lead; null for HQ and administrators,
    /// who see the whole chain's pool. Others see none.
    /// </summary>
    public static IReadOnlySet<string>? PoolTeams(ViewerScope viewer)
    {
        if (viewer.SeesWholeChain)
        {
            return null;
        }

        var teams = new HashSet<string>(StringComparer.Ordinal);
        if (viewer.RepId is not null || viewer.Roles.Contains(ChainRoles.SalesRep))
        {
            teams.UnionWith(RepTeams(viewer));
        }

        if (viewer.Roles.Contains(ChainRoles.SalesManager) || viewer.Roles.Contains(ChainRoles.StoreManager))
        {
            teams.UnionWith(viewer.Departments);
        }

        if (viewer.Roles.Contains(ChainRoles.StoreManager))
        {
            teams.UnionWith(viewer.Stores);
        }

        return teams;
    }

    /// <summary>
    /// The stores whose reps' released customers the viewer sees in the pool, whatever their department: a store manager
    /// leads the reps of their store (as for customers they own), so also the customers those reps let go.
    /// </summary>
    public static IReadOnlySet<string> PoolStores(ViewerScope viewer) =>
        viewer.Roles.Contains(ChainRoles.StoreManager) ? viewer.Stores : ImmutableHashSet<string>.Empty;

    /// <summary>
    /// Whether an entry of the pool is in the viewer's pool list (<see cref="PoolTeams"/>, <see cref="PoolStores"/>): the
    /// customer's team is one of theirs, or it was released from a rep of a store they manage. A live pool page hears of
    /// a change by this same rule.
    /// </summary>
    public static bool SeesPoolEntry(ViewerScope viewer, string departmentId, string? releasedFromStoreId) =>
        PoolTeams(viewer) is not { } teams
        || teams.Contains(departmentId)
        || (releasedFromStoreId is not null && PoolStores(viewer).Contains(releasedFromStoreId));

    /// <summary>The teams a rep belongs to: their departments and their store's own team. A rep claims from these teams' pool.</summary>
    public static IReadOnlySet<string> RepTeams(ViewerScope viewer) => viewer.Departments.Union(viewer.Stores);

    /// <summary>
    /// A sales manager leads the departments named to them. A store's manager leads the reps of their store (the owner
    /// rep's store), the store's own team (the department named by the store id) and any department named to them.
    /// </summary>
    private static bool LeadsTeam(ViewerScope viewer, string departmentId, string? ownerStoreId) =>
        (viewer.Roles.Contains(ChainRoles.SalesManager) && viewer.Departments.Contains(departmentId))
        || (viewer.Roles.Contains(ChainRoles.StoreManager)
            && (viewer.Stores.Contains(departmentId) || viewer.Departments.Contains(departmentId)
                || (ownerStoreId is not null && viewer.Stores.Contains(ownerStoreId))));

    private static bool BelongsTo(ViewerScope viewer, string departmentId) =>
        viewer.Departments.Contains(departmentId) || viewer.Stores.Contains(departmentId);
}
