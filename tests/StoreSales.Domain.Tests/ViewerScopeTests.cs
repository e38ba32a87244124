using StoreSales.Domain.Access;

namespace StoreSales.Domain.Tests;

public sealed class ViewerScopeTests
{
    private static ViewerScope Person(string role, string[]? regions = null, string[]? stores = null) =>
        ViewerScope.Of([role], regions ?? [], stores ?? []);

    [Theory]
    // role,                         regions,        stores,        store to see,  its region,    sees it
    [InlineData(ChainRoles.Hq, "", "", "store-gz001", "region-south", true)]
    [InlineData(ChainRoles.Admin, "", "", "store-gz001", "region-south", true)]
    [InlineData(ChainRoles.RegionalManager, "region-east", "", "store-sh001", "region-east", true)]
    [InlineData(ChainRoles.RegionalManager, "region-east", "", "store-gz001", "region-south", false)]
    [InlineData(ChainRoles.FieldSupervisor, "region-east", "", "store-sh002", "region-east", true)]
    [InlineData(ChainRoles.FieldSupervisor, "region-east", "", "store-gz001", "region-south", false)]
    [InlineData(ChainRoles.StoreManager, "", "store-sh001", "store-sh001", "region-east", true)]
    [InlineData(ChainRoles.StoreManager, "", "store-sh001", "store-sh002", "region-east", false)]
    [InlineData(ChainRoles.SalesRep, "", "store-sh001", "store-sh001", "region-east", true)]
    [InlineData(ChainRoles.SalesRep, "", "store-sh001", "store-gz001", "region-south", false)]
    [InlineData(ChainRoles.Board, "", "store-sh001", "store-sh001", "region-east", true)]
    [InlineData(ChainRoles.Board, "", "store-sh001", "store-sh002", "region-east", false)]
    // A region claim means nothing to a role that does not lead a region.
    [InlineData(ChainRoles.StoreManager, "region-east", "store-sh001", "store-sh002", "region-east", false)]
    public void A_viewer_sees_exactly_the_stores_of_their_scope(string role, string regions, string stores, string storeId, string regionId, bool sees)
    {
        var scope = Person(role, Split(regions), Split(stores));

        Assert.Equal(sees, scope.CanSeeStore(storeId, regionId));
    }

    [Fact]
    public void Regions_and_their_inboxes_belong_to_HQ_and_the_regions_leaders()
    {
        Assert.True(Person(ChainRoles.Hq).CanSeeRegion("region-south"));
        Assert.True(Person(ChainRoles.FieldSupervisor, ["region-east"]).CanSeeInterventions("region-east"));
        Assert.False(Person(ChainRoles.FieldSupervisor, ["region-east"]).CanSeeInterventions("region-south"));
        Assert.False(Person(ChainRoles.StoreManager, stores: ["store-sh001"]).CanSeeRegion("region-east"));
        Assert.False(Person(ChainRoles.StoreManager, stores: ["store-sh001"]).CanSeeInterventions("region-east"));
    }

    [Fact]
    public void Alerts_are_worked_by_the_business_not_by_administrators_or_boards()
    {
        Assert.True(Person(ChainRoles.Hq).CanActOnInterventions("region-south"));
        Assert.True(Person(ChainRoles.RegionalManager, ["region-east"]).CanActOnInterventions("region-east"));
        Assert.True(Person(ChainRoles.FieldSupervisor, ["region-east"]).CanActOnInterventions("region-east"));
        Assert.False(Person(ChainRoles.FieldSupervisor, ["region-east"]).CanActOnInterventions("region-south"));
        Assert.False(Person(ChainRoles.Admin).CanActOnInterventions("region-east"));
        Assert.False(Person(ChainRoles.Board, stores: ["store-sh001"]).CanActOnInterventions("region-east"));
    }

    [Fact]
    public void Board_tokens_are_issued_by_whoever_runs_the_store()
    {
        Assert.True(Person(ChainRoles.StoreManager, stores: ["store-sh001"]).CanIssueBoardToken("store-sh001", "region-east"));
        Assert.False(Person(ChainRoles.StoreManager, stores: ["store-sh001"]).CanIssueBoardToken("store-sh002", "region-east"));
        Assert.True(Person(ChainRoles.RegionalManager, ["region-east"]).CanIssueBoardToken("store-sh002", "region-east"));
        Assert.True(Person(ChainRoles.Admin).CanIssueBoardToken("store-gz001", "region-south"));
        Assert.False(Person(ChainRoles.SalesRep, stores: ["store-sh001"]).CanIssueBoardToken("store-sh001", "region-east"));
        Assert.False(Person(ChainRoles.Hq).CanIssueBoardToken("store-sh001", "region-east"));
    }

    [Fact]
    public void Only_a_board_is_read_only_and_single_store_viewers_land_on_their_store()
    {
        Assert.True(Person(ChainRoles.Board, stores: ["store-sh001"]).IsReadOnly);
        Assert.False(Person(ChainRoles.StoreManager, stores: ["store-sh001"]).IsReadOnly);
        Assert.Equal("store-sh001", Person(ChainRoles.StoreManager, stores: ["store-sh001"]).HomeStore);
        Assert.Null(Person(ChainRoles.StoreManager, stores: ["store-sh001", "store-sh002"]).HomeStore);
        Assert.Null(Person(ChainRoles.Hq).HomeStore);
        Assert.False(ViewerScope.Nobody.CanSeeStore("store-sh001", "region-east"));
    }

    [Fact]
    public void A_store_manager_works_the_alerts_assigned_to_their_store_and_sees_its_other_alerts()
    {
        var manager = Person(ChainRoles.StoreManager, stores: ["store-sh001"]);

        Assert.True(manager.CanActOnIntervention("region-east", "store-manager:store-sh001"));
        Assert.False(manager.CanActOnIntervention("region-east", "store-manager:store-sh002"));
        Assert.False(manager.CanActOnIntervention("region-east", "supervisor:region-east")); // the store's day-behind is the supervisor's
        Assert.True(manager.CanSeeStoreInterventions("store-sh001"));
        Assert.False(manager.CanSeeStoreInterventions("store-sh002"));
        Assert.False(Person(ChainRoles.SalesRep, stores: ["store-sh001"]).CanSeeStoreInterventions("store-sh001"));
        Assert.False(Person(ChainRoles.Board, stores: ["store-sh001"]).CanActOnIntervention("region-east", "store-manager:store-sh001"));
        Assert.True(Person(ChainRoles.FieldSupervisor, ["region-east"]).CanActOnIntervention("region-east", "store-manager:store-sh001"));
    }

    [Fact]
    public void A_reps_progress_is_for_the_rep_their_store_manager_the_regions_leads_and_HQ()
    {
        Assert.True((Person(ChainRoles.SalesRep, stores: ["store-sh001"]) with { RepId = "rep-sh001-01" }).CanSeeRep("rep-sh001-01", "store-sh001", "region-east"));
        Assert.False((Person(ChainRoles.SalesRep, stores: ["store-sh001"]) with { RepId = "rep-sh001-02" }).CanSeeRep("rep-sh001-01", "store-sh001", "region-east"));
        Assert.True(Person(ChainRoles.StoreManager, stores: ["store-sh001"]).CanSeeRep("rep-sh001-01", "store-sh001", "region-east"));
        Assert.False(Person(ChainRoles.StoreManager, stores: ["store-sh002"]).CanSeeRep("rep-sh001-01", "store-sh001", "region-east"));
        Assert.True(Person(ChainRoles.FieldSupervisor, ["region-east"]).CanSeeRep("rep-sh001-01", "store-sh001", "region-east"));
        Assert.False(Person(ChainRoles.FieldSupervisor, ["region-south"]).CanSeeRep("rep-sh001-01", "store-sh001", "region-east"));
        Assert.True(Person(ChainRoles.Hq).CanSeeRep("rep-sh001-01", "store-sh001", "region-east"));
        Assert.False(Person(ChainRoles.Board, stores: ["store-sh001"]).CanSeeRep("rep-sh001-01", "store-sh001", "region-east"));
    }

    private static string[] Split(string value) => value.Length == 0 ? [] : value.Split(',');
}
