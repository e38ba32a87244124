using StoreSales.Abstractions.Live;
using StoreSales.Domain.Access;

namespace StoreSales.CommandCenter.Live;

/// <summary>
/// The hub groups of the public pool and the hand-over worklists, cut the way their lists are scoped: a viewer joins
/// the groups of their scope (<see cref="CustomerAccessRule.PoolTeams"/>, <see cref="HandOverAccessRule.ListScope"/>),
/// a change is sent to the groups of its subject, so a connection hears only of what its list may show.
/// </summary>
public static class SalesForceGroups
{
    public const string PoolChanged = "PoolChanged";
    public const string HandOverChanged = "HandOverChanged";

    private const string WholePool = "pool";
    private const string AllHandOvers = "handovers";

    /// <summary>The pool groups a viewer joins: the whole pool (HQ, administrators), else their teams' and stores'.</summary>
    public static IReadOnlyList<string> PoolOf(ViewerScope viewer) =>
        CustomerAccessRule.PoolTeams(viewer) is not { } teams
            ? [WholePool]
            : [.. teams.Select(PoolTeam), .. CustomerAccessRule.PoolStores(viewer).Select(PoolStore)];

    /// <summary>The pool groups that hear of a change: the whole pool, the customer's team, the releasing rep's store.</summary>
    public static IReadOnlyList<string> Of(PoolChange change) =>
        change.ReleasedFromStoreId is { } store
            ? [WholePool, PoolTeam(change.DepartmentId), PoolStore(store)]
            : [WholePool, PoolTeam(change.DepartmentId)];

    /// <summary>The hand-over groups a viewer joins, as their worklist is scoped (successor: their own rep id).</summary>
    public static IReadOnlyList<string> HandOversOf(ViewerScope viewer)
    {
        var scope = HandOverAccessRule.ListScope(viewer);
        if (scope.All)
        {
            return [AllHandOvers];
        }

        return
        [
            .. scope.Regions.Select(r => HandOversRegion(r)),
            .. scope.Stores.Select(s => HandOversStore(s)),
            .. scope.Departments.Select(d => HandOversTeam(d)),
            .. scope.SuccessorRepId is { } rep ? [HandOversSuccessor(rep)] : Array.Empty<string>(),
        ];
    }

    /// <summary>The hand-over groups that hear of a change: everyone whose worklist may show the departing rep's hand-overs.</summary>
    public static IReadOnlyList<string> Of(HandOverListChange change) =>
    [
        AllHandOvers,
        HandOversRegion(change.RegionId),
        HandOversStore(change.StoreId),
        HandOversTeam(change.DepartmentId),
        .. change.Successors.Distinct(StringComparer.Ordinal).Select(HandOversSuccessor),
    ];

    private static string PoolTeam(string departmentId) => "pool-team:" + departmentId;

    private static string PoolStore(string storeId) => "pool-store:" + storeId;

    private static string HandOversRegion(string regionId) => "handovers-region:" + regionId;

    private static string HandOversStore(string storeId) => "handovers-store:" + storeId;

    private static string HandOversTeam(string departmentId) => "handovers-team:" + departmentId;

    private static string HandOversSuccessor(string repId) => "handovers-successor:" + repId;
}
