using StoreSales.Domain.Access;

namespace StoreSales.Domain.Tests;

/// <summary>Offboarding: who starts a rep's departure and works its hand-overs, who sees them, and whose list shows what.</summary>
public sealed class HandOverAccessRuleTests
{
    private const string Store = "store-sh001";
    private const string Department = "dept-east-retail";
    private const string Region = "region-east";
    private const string Departing = "rep-sh001-03";
    private const string Successor = "rep-sh001-02";

    private static ViewerScope Person(string role, string? rep, string stores, string departments, string regions) =>
        ViewerScope.Of([role], Split(regions), Split(stores)) with { RepId = rep is { Length: > 0 } ? rep : null, Departments = [.. Split(departments)] };

    private static string[] Split(string values) => values.Split(',', StringSplitOptions.RemoveEmptyEntries);

    [Theory]
    // role,                                rep id,      stores,        departments,       regions,        sees rep, sees hand-over, manages
    [InlineData(ChainRoles.Admin, "", "", "", "", true, true, true)]
    [InlineData(ChainRoles.StoreManager, "", Store, "", "", true, true, true)]                    // the rep's store manager
    [InlineData(ChainRoles.StoreManager, "", "store-sh002", "", "", false, false, false)]          // another store's
    [InlineData(ChainRoles.SalesManager, "", "", Department, "", true, true, true)]               // a sales manager of the rep's department
    [InlineData(ChainRoles.SalesManager, "", "", "dept-b2b", "", false, false, false)]            // of another department
    [InlineData(ChainRoles.FieldSupervisor, "", "", "", Region, true, true, false)]               // the region's supervisor watches
    [InlineData(ChainRoles.RegionalManager, "", "", "", Region, true, true, false)]
    [InlineData(ChainRoles.FieldSupervisor, "", "", "", "region-south", false, false, false)]
    [InlineData(ChainRoles.Hq, "", "", "", "", true, true, false)]
    [InlineData(ChainRoles.SalesRep, Successor, Store, "", "", false, true, false)]               // a successor sees the hand-over naming them
    [InlineData(ChainRoles.SalesRep, "rep-sh001-01", Store, "", "", false, false, false)]         // a colleague named nowhere
    [InlineData(ChainRoles.SalesRep, Departing, Store, "", "", true, false, false)]               // the departing rep: not theirs to hand over
    [InlineData(ChainRoles.Board, "", Store, "", "", false, false, false)]
    public void The_team_manages_the_region_watches_and_a_successor_sees_theirs(string role, string rep, string stores, string departments, string regions, bool seesRep, bool seesHandOver, bool manages)
    {
        var viewer = Person(role, rep, stores, departments, regions);

        Assert.Equal(seesRep, HandOverAccessRule.SeesRep(viewer, Departing, Store, Department, Region));
        Assert.Equal(seesHandOver, HandOverAccessRule.CanSee(viewer, Store, Department, Region, [Successor]));
        Assert.Equal(manages, HandOverAccessRule.CanManage(viewer, Store, Department));
    }

    [Fact]
    public void A_list_shows_a_managers_teams_a_supervisors_region_and_a_reps_succession()
    {
        var storeManager = HandOverAccessRule.ListScope(Person(ChainRoles.StoreManager, "", Store, Department, ""));
        var salesManager = HandOverAccessRule.ListScope(Person(ChainRoles.SalesManager, "", Store, Department, ""));
        var supervisor = HandOverAccessRule.ListScope(Person(ChainRoles.FieldSupervisor, "", "", "", Region));
        var rep = HandOverAccessRule.ListScope(Person(ChainRoles.SalesRep, Successor, Store, Department, ""));

        Assert.False(storeManager.All);
        Assert.Equal([Store], storeManager.Stores);
        Assert.Empty(storeManager.Regions);
        Assert.Equal([Department], salesManager.Departments);
        Assert.Empty(salesManager.Stores);
        Assert.Equal([Region], supervisor.Regions);
        Assert.Equal((Successor, 0, 0, 0), (rep.SuccessorRepId, rep.Stores.Count, rep.Departments.Count, rep.Regions.Count));
        Assert.True(HandOverAccessRule.ListScope(Person(ChainRoles.Hq, "", "", "", "")).All);
    }
}
