using StoreSales.Domain.Access;

namespace StoreSales.Domain.Tests;

/// <summary>Who sees and works an opportunity: the owner, the team's managers and director, the region's leaders, HQ; never another team's rep.</summary>
public sealed class OpportunityAccessRuleTests
{
    private const string Owner = "rep-sh001-01";
    private const string Team = "dept-east-retail";
    private const string OwnerStore = "store-sh001";
    private const string Region = "region-east";

    private static ViewerScope Person(string role, string? rep, string stores, string departments, string regions) =>
        ViewerScope.Of([role], Split(regions), Split(stores)) with { RepId = rep is { Length: > 0 } ? rep : null, Departments = [.. Split(departments)] };

    private static string[] Split(string values) => values.Split(',', StringSplitOptions.RemoveEmptyEntries);

    [Theory]
    // role,                            rep id,            stores,         departments,       regions,          sees,  works
    [InlineData(ChainRoles.SalesRep, Owner, OwnerStore, Team, "", true, true)]                          // the owner
    [InlineData(ChainRoles.SalesRep, "rep-sh001-02", OwnerStore, Team, "", false, false)]               // another rep of the same team
    [InlineData(ChainRoles.SalesRep, "rep-bj001-01", "store-bj001", "dept-north-retail", "", false, false)] // another team's rep
    [InlineData(ChainRoles.SalesManager, "", "", Team, "", true, true)]                                 // the team's sales manager
    [InlineData(ChainRoles.SalesManager, "", "", "dept-north-retail", "", false, false)]                // another team's manager
    [InlineData(ChainRoles.StoreManager, "", OwnerStore, "", "", true, true)]                           // the owner's store manager
    [InlineData(ChainRoles.SalesDirector, "", "", Team, Region, true, false)]                           // the director sees, decides elsewhere
    [InlineData(ChainRoles.SalesDirector, "", "", "dept-north-retail", "region-north", false, false)]   // another region's director
    [InlineData(ChainRoles.RegionalManager, "", "", "", Region, true, false)]
    [InlineData(ChainRoles.Hq, "", "", "", "", true, false)]
    [InlineData(ChainRoles.Board, "", OwnerStore, "", "", false, false)]
    [InlineData(ChainRoles.Legal, "", "", "", "", false, false)]
    public void Only_its_people_see_an_opportunity_and_only_its_team_works_it(string role, string rep, string stores, string departments, string regions, bool sees, bool works)
    {
        var viewer = Person(role, rep, stores, departments, regions);

        Assert.Equal(sees, OpportunityAccessRule.CanSee(viewer, Owner, Team, OwnerStore, Region));
        Assert.Equal(works, OpportunityAccessRule.CanWork(viewer, Owner, Team, OwnerStore));
    }

    [Theory]
    [InlineData(ChainRoles.SalesManager, "", Team, true)]
    [InlineData(ChainRoles.SalesDirector, "", Team, true)]
    [InlineData(ChainRoles.SalesRep, OwnerStore, Team, false)]
    [InlineData(ChainRoles.SalesManager, "", "dept-north-retail", false)]
    [InlineData(ChainRoles.Hq, "", "", true)]
    public void A_teams_pipeline_is_for_its_leaders(string role, string stores, string departments, bool sees) =>
        Assert.Equal(sees, OpportunityAccessRule.CanSeeTeam(Person(role, null, stores, departments, ""), Team));
}
