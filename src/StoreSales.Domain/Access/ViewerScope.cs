using System.Collections.Immutable;

namespace StoreSales.Domain.Access;

/// <summary>
/// What one signed-in viewer may see and do: their roles and the regions or stores they are scoped to. Every page,
/// API endpoint and live group asks this one rule, so "who sees what" is decided in one place.
/// </summary>
public sealed record ViewerScope(ImmutableHashSet<string> Roles, ImmutableHashSet<string> Regions, ImmutableHashSet<string> Stores)
{
    public static readonly ViewerScope Nobody = new([], [], []);

    /// <summary>
    /// The sales teams (departments) a store or sales manager leads, or a rep belongs to. A store's own sales team is
    /// the department named by the store's id, so a store's manager and reps need no department of their own.
    /// </summary>
    public ImmutableHashSet<string> Departments { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    /// <summary>The rep this person is, when they sell (a sales rep, or a manager who serves customers too); null otherwise.</summary>
    public string? RepId { get; init; }

    /// <summary>Rights held beside the roles (<see cref="ChainRights"/>), such as exporting contact details.</summary>
    public ImmutableHashSet<string> Rights { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    public static ViewerScope Of(IEnumerable<string> roles, IEnumerable<string> regions, IEnumerable<string> stores) =>
        new(roles.ToImmutableHashSet(StringComparer.Ordinal),
            regions.ToImmutableHashSet(StringComparer.Ordinal),
            stores.ToImmutableHashSet(StringComparer.Ordinal));

    /// <summary>HQ and administrators see every region and store.</summary>
    public bool SeesWholeChain => Roles.Contains(ChainRoles.Hq) || Roles.Contains(ChainRoles.Admin);

    /// <summary>A board token shows one store and can change nothing.</summary>
    public bool IsReadOnly => Roles.Except([ChainRoles.Board]).IsEmpty;

    private bool LeadsRegion(string regionId) =>
        (Roles.Contains(ChainRoles.RegionalManager) || Roles.Contains(ChainRoles.FieldSupervisor)) && Regions.Contains(regionId);

    public bool CanSeeRegion(string regionId) => SeesWholeChain || LeadsRegion(regionId);

    public bool CanSeeStore(string storeId, string regionId) => CanSeeRegion(regionId) || Stores.Contains(storeId);

    /// <summary>The supervisor inbox of a region: its regional manager and field supervisors, and HQ.</summary>
    public bool CanSeeInterventions(string regionId) => SeesWholeChain || LeadsRegion(regionId);

    /// <summary>
    /// Acknowledging, working and resolving an alert is the business's job (HQ, the region's manager and
    /// supervisors), not the administrator's and never a board's.
    /// </summary>
    public bool CanActOnInterventions(string regionId) => Roles.Contains(ChainRoles.Hq) || LeadsRegion(regionId);

    /// <summary>A store's manager sees the alerts of their store (its own, and its reps'), whoever they are assigned to.</summary>
    public bool CanSeeStoreInterventions(string? storeId) =>
        storeId is not null && Roles.Contains(ChainRoles.StoreManager) && Stores.Contains(storeId);

    /// <summary>
    /// Whether this viewer works one alert: as <see cref="CanActOnInterventions"/> for its region, or as one who answers
    /// for its assignee (<see cref="Notifications.AlertAudience.AssigneesOf"/>: the manager of the store or team of
    /// <c>store-manager:{id}</c>, the rep of <c>rep:{id}</c>, finance for <c>finance</c>). A rep works their own alerts,
    /// never a colleague's.
    /// </summary>
    public bool CanActOnIntervention(string? regionId, string assignee) =>
        (regionId is not null && CanActOnInterventions(regionId))
        || Notifications.AlertAudience.AnswersFor(this, assignee);

    /// <summary>
    /// A rep's progress: the rep themselves, the manager of the rep's store, the region's managers and supervisors, and
    /// HQ. Not the other reps of the store: a colleague's figures are their manager's to discuss.
    /// </summary>
    public bool CanSeeRep(string repId, string storeId, string regionId) =>
        string.Equals(RepId, repId, StringComparison.Ordinal)
        || CanSeeRegion(regionId)
        || (Roles.Contains(ChainRoles.StoreManager) && Stores.Contains(storeId));

    /// <summary>Whoever runs the store (or its region) may put its board on a TV.</summary>
    public bool CanIssueBoardToken(string storeId, string regionId) =>
        Roles.Contains(ChainRoles.Admin)
        || (Roles.Contains(ChainRoles.RegionalManager) && Regions.Contains(regionId))
        || (Roles.Contains(ChainRoles.StoreManager) && Stores.Contains(storeId));

    /// <summary>The store a viewer lands on when they see exactly one (store manager, rep, board).</summary>
    public string? HomeStore => SeesWholeChain || Regions.Count > 0 || Stores.Count != 1 ? null : Stores.First();
}
