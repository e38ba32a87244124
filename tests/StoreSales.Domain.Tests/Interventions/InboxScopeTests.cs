using System.Collections.Immutable;
using StoreSales.Domain.Access;
using StoreSales.Domain.Interventions;

namespace StoreSales.Domain.Tests.Interventions;

/// <summary>Whose inbox holds an alert, and who works it: region and store scope, and whoever answers for its assignee.</summary>
public sealed class InboxScopeTests
{
    private static readonly ViewerScope Finance = ViewerScope.Of([ChainRoles.Finance], [], []);
    private static readonly ViewerScope RepSeven = ViewerScope.Of([ChainRoles.SalesRep], [], ["store-sh001"]) with { RepId = "rep-7" };
    private static readonly ViewerScope StoreManager = ViewerScope.Of([ChainRoles.StoreManager], [], ["store-sh001"]);
    private static readonly ViewerScope Supervisor = ViewerScope.Of([ChainRoles.FieldSupervisor], ["region-east"], []);
    private static readonly ViewerScope SalesManager = ViewerScope.Of([ChainRoles.SalesManager], [], []) with
    {
        Departments = ImmutableHashSet.Create(StringComparer.Ordinal, "team-b2b"),
    };

    public static TheoryData<string, string?, string?, string, bool, bool> Table => new()
    {
        // viewer, region, store, assignee → in their inbox, theirs to work
        { "finance", null, null, "finance", true, true },                                  // an instalment alert names no region
        { "finance", "region-east", "store-sh001", "rep:rep-7", false, false },            // the rep's copy is the rep's
        { "rep-7", "region-east", "store-sh001", "rep:rep-7", true, true },
        { "rep-7", "region-east", "store-sh001", "rep:rep-8", false, false },              // a colleague's alert: not even seen
        { "rep-7", "region-east", "store-sh001", "store-manager:store-sh001", false, false },
        { "rep-7", null, null, "finance", false, false },
        { "store-manager", "region-east", "store-sh001", "rep:rep-7", true, false },       // their store's: seen, the rep works it
        { "store-manager", "region-east", "store-sh001", "store-manager:store-sh001", true, true },
        { "store-manager", "region-east", "store-sh002", "supervisor:region-east", false, false },
        { "supervisor", "region-east", "store-sh001", "rep:rep-7", true, true },           // the region's leads work all of it
        { "supervisor", null, null, "finance", false, false },
        { "sales-manager", "region-east", "store-sh009", "store-manager:team-b2b", true, true },
        { "sales-manager", "region-east", "store-sh009", "rep:rep-7", false, false },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void An_alert_is_in_the_inbox_of_its_region_its_store_and_whoever_answers_for_its_assignee(
        string viewer, string? regionId, string? storeId, string assignee, bool seen, bool works)
    {
        var scope = Viewer(viewer);

        Assert.Equal(seen, InboxScope.Of(scope).Covers(regionId, storeId, assignee));
        Assert.Equal(works, scope.CanActOnIntervention(regionId, assignee));
    }

    [Fact]
    public void Only_a_viewer_who_answers_for_nobody_and_leads_nothing_has_an_empty_inbox()
    {
        Assert.True(InboxScope.Of(ViewerScope.Of([ChainRoles.SalesDirector], ["region-east"], [])).IsEmpty);
        Assert.True(InboxScope.Of(ViewerScope.Of([ChainRoles.Board], [], ["store-sh001"])).IsEmpty);
        Assert.False(InboxScope.Of(Finance).IsEmpty);
        Assert.False(InboxScope.Of(RepSeven).IsEmpty);
        Assert.True(InboxScope.Of(ViewerScope.Of([ChainRoles.Admin], [], [])).WholeChain); // sees all, works none
        Assert.False(ViewerScope.Of([ChainRoles.Admin], [], []).CanActOnIntervention("region-east", "supervisor:region-east"));
    }

    private static ViewerScope Viewer(string name) => name switch
    {
        "finance" => Finance,
        "rep-7" => RepSeven,
        "store-manager" => StoreManager,
        "supervisor" => Supervisor,
        "sales-manager" => SalesManager,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
