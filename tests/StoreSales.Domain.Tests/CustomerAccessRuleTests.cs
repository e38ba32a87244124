using StoreSales.Domain.Access;

namespace StoreSales.Domain.Tests;

/// <summary>Customer ownership (客户主权): who sees a customer, masked or in full, and who may change it.</summary>
public sealed class CustomerAccessRuleTests
{
    private const string Owner = "rep-sh001-01";
    private const string Team = "store-sh001";

    private static ViewerScope Person(string role, string? rep = null, string[]? stores = null, string[]? departments = null, string[]? regions = null) =>
        ViewerScope.Of([role], regions ?? [], stores ?? []) with { RepId = rep, Departments = [.. departments ?? []] };

    private static string[] Split(string values) => values.Split(',', StringSplitOptions.RemoveEmptyEntries);

    [Theory]
    // role,                         rep id,          stores,         departments,          regions,        sees
    [InlineData(ChainRoles.SalesRep, Owner, Team, "", "", CustomerSight.Full)]                     // the owner rep
    [InlineData(ChainRoles.SalesRep, "rep-sh001-02", Team, "", "", CustomerSight.Hidden)]          // another rep of the store
    [InlineData(ChainRoles.SalesRep, "", Team, "", "", CustomerSight.Hidden)]                      // a rep sign-in without rep id
    [InlineData(ChainRoles.StoreManager, "", Team, "", "", CustomerSight.Masked)]                  // the store's manager
    [InlineData(ChainRoles.StoreManager, "", "store-sh002", "", "", CustomerSight.Hidden)]         // another store's manager
    [InlineData(ChainRoles.StoreManager, Owner, Team, "", "", CustomerSight.Full)]                 // a manager who is the owner
    [InlineData(ChainRoles.SalesManager, "", "", Team, "", CustomerSight.Masked)]                  // the team's sales manager
    [InlineData(ChainRoles.SalesManager, "", "", "dept-b2b-east", "", CustomerSight.Hidden)]       // another team's
    [InlineData(ChainRoles.SalesManager, "", Team, "", "", CustomerSight.Hidden)]                  // a store claim is no team of a sales manager
    [InlineData(ChainRoles.Hq, "", "", "", "", CustomerSight.Masked)]
    [InlineData(ChainRoles.Admin, "", "", "", "", CustomerSight.Masked)]
    [InlineData(ChainRoles.RegionalManager, "", "", "", "region-east", CustomerSight.Hidden)]      // not yet: needs the rep's store
    [InlineData(ChainRoles.FieldSupervisor, "", "", "", "region-east", CustomerSight.Hidden)]
    [InlineData(ChainRoles.Board, "", Team, "", "", CustomerSight.Hidden)]                         // a TV is no person
    public void Only_the_owner_sees_contact_details_and_the_team_sees_the_rest(string role, string rep, string stores, string departments, string regions, CustomerSight sight)
    {
        var viewer = Person(role, rep.Length == 0 ? null : rep, Split(stores), Split(departments), Split(regions));

        Assert.Equal(sight, CustomerAccessRule.Sight(viewer, Owner, Team));
    }

    [Theory]
    // role,                         rep id,  stores,  departments,            the pool of which teams ("*": the whole chain's)
    [InlineData(ChainRoles.SalesRep, Owner, Team, "", Team)]                                         // a store's rep: the store's team
    [InlineData(ChainRoles.SalesRep, "rep-b2b-01", "", "dept-b2b", "dept-b2b")]                      // a department's rep
    [InlineData(ChainRoles.StoreManager, "", Team, "", Team)]                                        // the store's manager
    [InlineData(ChainRoles.SalesManager, "", "", "dept-b2b,dept-b2b-east", "dept-b2b,dept-b2b-east")] // the teams they lead
    [InlineData(ChainRoles.SalesManager, "", Team, "", "")]                                          // a store claim is no team of a sales manager
    [InlineData(ChainRoles.Hq, "", "", "", "*")]
    [InlineData(ChainRoles.Admin, "", "", "", "*")]
    [InlineData(ChainRoles.RegionalManager, "", "", "", "")]
    [InlineData(ChainRoles.FieldSupervisor, "", "", "", "")]
    [InlineData(ChainRoles.Board, "", Team, "", "")]                                                 // a TV is no person
    public void The_pool_a_viewer_sees_is_their_teams_and_hq_sees_all_of_it(string role, string rep, string stores, string departments, string teams)
    {
        var viewer = Person(role, rep.Length == 0 ? null : rep, Split(stores), Split(departments));

        var seen = CustomerAccessRule.PoolTeams(viewer);

        if (teams == "*")
        {
            Assert.Null(seen);
        }
        else
        {
            Assert.Equal(Split(teams).Order(StringComparer.Ordinal), seen!.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void A_store_manager_also_sees_the_pool_entries_of_their_store_s_reps_and_nobody_else_does()
    {
        Assert.Equal([Team], CustomerAccessRule.PoolStores(Person(ChainRoles.StoreManager, stores: [Team])));
        Assert.Empty(CustomerAccessRule.PoolStores(Person(ChainRoles.SalesRep, rep: Owner, stores: [Team])));
        Assert.Empty(CustomerAccessRule.PoolStores(Person(ChainRoles.SalesManager, departments: [Team])));
    }

    [Theory]
    // role,                         rep id,        stores,        departments, entry's team,  released from store, hears of it
    [InlineData(ChainRoles.SalesRep, Owner, Team, "", Team, Team, true)]                         // their store's team
    [InlineData(ChainRoles.SalesRep, Owner, Team, "", "dept-b2b", Team, false)]                  // another team, even from their store
    [InlineData(ChainRoles.SalesRep, "rep-b2b-01", "", "dept-b2b", "dept-b2b", null, true)]
    [InlineData(ChainRoles.StoreManager, "", Team, "", "dept-b2b", Team, true)]                  // released from their store's rep
    [InlineData(ChainRoles.StoreManager, "", Team, "", "dept-b2b", "store-sh002", false)]
    [InlineData(ChainRoles.StoreManager, "", Team, "", "dept-b2b", null, false)]                 // a releasing rep of no known store
    [InlineData(ChainRoles.SalesManager, "", "", "dept-b2b", "dept-b2b", null, true)]
    [InlineData(ChainRoles.SalesManager, "", "", "dept-b2b", Team, Team, false)]
    [InlineData(ChainRoles.Hq, "", "", "", "dept-b2b", null, true)]                             // the whole chain's pool
    [InlineData(ChainRoles.RegionalManager, "", "", "", Team, Team, false)]                      // no pool at all
    public void A_pool_entry_is_heard_by_whoever_s_pool_list_shows_it(string role, string rep, string stores, string departments, string team, string? releasedFromStore, bool hears)
    {
        var viewer = Person(role, rep.Length == 0 ? null : rep, Split(stores), Split(departments));

        Assert.Equal(hears, CustomerAccessRule.SeesPoolEntry(viewer, team, releasedFromStore));
    }

    [Fact]
    public void Nobody_signed_in_sees_nothing()
    {
        Assert.Equal(CustomerSight.Hidden, CustomerAccessRule.Sight(ViewerScope.Nobody, Owner, Team));
    }

    [Fact]
    public void A_rep_creates_customers_for_themselves_in_their_own_team_and_a_manager_for_the_team()
    {
        var rep = Person(ChainRoles.SalesRep, rep: Owner, stores: [Team]);
        Assert.True(CustomerAccessRule.CanCreate(rep, Owner, Team));
        Assert.False(CustomerAccessRule.CanCreate(rep, "rep-sh001-02", Team));
        Assert.False(CustomerAccessRule.CanCreate(rep, Owner, "store-sh002"));

        Assert.True(CustomerAccessRule.CanCreate(Person(ChainRoles.StoreManager, stores: [Team]), "rep-sh001-02", Team));
        Assert.False(CustomerAccessRule.CanCreate(Person(ChainRoles.StoreManager, stores: [Team]), "rep-sh002-01", "store-sh002"));
        Assert.True(CustomerAccessRule.CanCreate(Person(ChainRoles.SalesManager, departments: ["dept-b2b"]), "rep-b2b-01", "dept-b2b"));
        Assert.True(CustomerAccessRule.CanCreate(Person(ChainRoles.Admin), "rep-b2b-01", "dept-b2b"));
        Assert.False(CustomerAccessRule.CanCreate(Person(ChainRoles.Hq), "rep-b2b-01", "dept-b2b"));
    }

    [Fact]
    public void Interactions_are_recorded_by_a_rep_who_may_see_the_customer()
    {
        Assert.True(CustomerAccessRule.CanRecordInteraction(Person(ChainRoles.SalesRep, rep: Owner, stores: [Team]), Owner, Team));
        Assert.False(CustomerAccessRule.CanRecordInteraction(Person(ChainRoles.SalesRep, rep: "rep-sh001-02", stores: [Team]), Owner, Team));
        Assert.False(CustomerAccessRule.CanRecordInteraction(Person(ChainRoles.StoreManager, stores: [Team]), Owner, Team));
        Assert.True(CustomerAccessRule.CanRecordInteraction(Person(ChainRoles.StoreManager, rep: "rep-sh001-00", stores: [Team]), Owner, Team));
    }

    [Fact]
    public void Leads_are_assigned_by_the_team_s_manager_and_merges_by_a_sales_manager_of_both_teams()
    {
        Assert.True(CustomerAccessRule.CanAssignLead(Person(ChainRoles.StoreManager, stores: [Team]), Team));
        Assert.True(CustomerAccessRule.CanAssignLead(Person(ChainRoles.SalesManager, departments: [Team]), Team));
        Assert.True(CustomerAccessRule.CanAssignLead(Person(ChainRoles.Admin), Team));
        Assert.False(CustomerAccessRule.CanAssignLead(Person(ChainRoles.SalesRep, rep: Owner, stores: [Team]), Team));
        Assert.False(CustomerAccessRule.CanAssignLead(Person(ChainRoles.Hq), Team));

        Assert.True(CustomerAccessRule.CanMerge(Person(ChainRoles.Admin), Team, "dept-b2b"));
        Assert.True(CustomerAccessRule.CanMerge(Person(ChainRoles.SalesManager, departments: [Team, "dept-b2b"]), Team, "dept-b2b"));
        Assert.False(CustomerAccessRule.CanMerge(Person(ChainRoles.SalesManager, departments: [Team]), Team, "dept-b2b"));
        Assert.False(CustomerAccessRule.CanMerge(Person(ChainRoles.StoreManager, stores: [Team]), Team, Team));
        Assert.False(CustomerAccessRule.CanMerge(Person(ChainRoles.Hq), Team, Team));
    }

    [Fact]
    public void A_store_manager_leads_the_reps_of_the_store_whatever_their_department()
    {
        // Demo reps belong to regional departments (dept-east-retail); their store is what puts them in its manager's team.
        var manager = Person(ChainRoles.StoreManager, stores: [Team]);
        var otherManager = Person(ChainRoles.StoreManager, stores: ["store-sh002"]);

        Assert.Equal(CustomerSight.Masked, CustomerAccessRule.Sight(manager, Owner, "dept-east-retail", ownerStoreId: Team));
        Assert.Equal(CustomerSight.Hidden, CustomerAccessRule.Sight(otherManager, Owner, "dept-east-retail", ownerStoreId: Team));
        Assert.Equal(CustomerSight.Hidden, CustomerAccessRule.Sight(manager, Owner, "dept-east-retail", ownerStoreId: null));
        Assert.True(CustomerAccessRule.CanAssignLead(manager, "dept-east-retail", ownerStoreId: Team));
        Assert.False(CustomerAccessRule.CanAssignLead(otherManager, "dept-east-retail", ownerStoreId: Team));
        Assert.True(CustomerAccessRule.CanCreate(manager, "rep-sh001-02", "dept-east-retail", ownerStoreId: Team));
    }
}
