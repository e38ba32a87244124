using System.Collections.Immutable;
using StoreSales.Domain.Access;

namespace StoreSales.Domain.Tests;

public sealed class ProcessHealthAccessRuleTests
{
    private static ViewerScope Viewer(string role, string[]? regions = null, string[]? stores = null, string[]? departments = null, string? repId = null) =>
        ViewerScope.Of([role], regions ?? [], stores ?? []) with { Departments = (departments ?? []).ToImmutableHashSet(StringComparer.Ordinal), RepId = repId };

    public static TheoryData<string, ViewerScope, bool> RepCases => new()
    {
        // rep-1 of store-sh001 (region-east), department dept-east
        { "the rep", Viewer(ChainRoles.SalesRep, stores: ["store-sh001"], repId: "rep-1"), true },
        { "a colleague", Viewer(ChainRoles.SalesRep, stores: ["store-sh001"], repId: "rep-2"), false },
        { "the store's manager", Viewer(ChainRoles.StoreManager, stores: ["store-sh001"]), true },
        { "another store's manager", Viewer(ChainRoles.StoreManager, stores: ["store-sh002"]), false },
        { "a sales manager of the department", Viewer(ChainRoles.SalesManager, departments: ["dept-east"]), true },
        { "a sales manager of another department", Viewer(ChainRoles.SalesManager, departments: ["dept-b2b"]), false },
        { "a rep of the department is no manager", Viewer(ChainRoles.SalesRep, departments: ["dept-east"], repId: "rep-9"), false },
        { "the region's supervisor", Viewer(ChainRoles.FieldSupervisor, regions: ["region-east"]), true },
        { "another region's manager", Viewer(ChainRoles.RegionalManager, regions: ["region-south"]), false },
        { "HQ", Viewer(ChainRoles.Hq), true },
        { "an administrator", Viewer(ChainRoles.Admin), true },
        { "a board", Viewer(ChainRoles.Board, stores: ["store-sh001"]), false },
    };

    [Theory]
    [MemberData(nameof(RepCases))]
    public void A_reps_health_is_for_the_rep_and_those_who_lead_them(string because, ViewerScope viewer, bool sees) =>
        Assert.True(sees == ProcessHealthAccessRule.CanSeeRep(viewer, "rep-1", "store-sh001", "region-east", "dept-east"), because);

    public static TheoryData<string, ViewerScope, string[], bool> TeamCases => new()
    {
        { "a sales manager of the department", Viewer(ChainRoles.SalesManager, departments: ["dept-east"]), ["region-east"], true },
        { "a store manager whose store is the team", Viewer(ChainRoles.StoreManager, stores: ["dept-east"]), ["region-east"], true },
        { "a store manager leading the department", Viewer(ChainRoles.StoreManager, stores: ["store-sh001"], departments: ["dept-east"]), ["region-east"], true },
        { "a store manager with a rep in the team", Viewer(ChainRoles.StoreManager, stores: ["store-sh001"]), ["region-east"], false },
        { "the region's manager, every rep in the region", Viewer(ChainRoles.RegionalManager, regions: ["region-east"]), ["region-east", "region-east"], true },
        { "the region's manager, one rep elsewhere", Viewer(ChainRoles.RegionalManager, regions: ["region-east"]), ["region-east", "region-south"], false },
        { "a rep of the team", Viewer(ChainRoles.SalesRep, departments: ["dept-east"], repId: "rep-1"), ["region-east"], false },
        { "HQ", Viewer(ChainRoles.Hq), ["region-south"], true },
    };

    [Theory]
    [MemberData(nameof(TeamCases))]
    public void A_teams_health_is_for_those_who_lead_the_team(string because, ViewerScope viewer, string[] repRegions, bool sees) =>
        Assert.True(sees == ProcessHealthAccessRule.CanSeeTeam(viewer, "dept-east", repRegions), because);
}
