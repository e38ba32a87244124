using StoreSales.Domain.Access;

namespace StoreSales.Domain.Tests.SalesForce.Quotes;

/// <summary>Who sees an opportunity's quotes and who makes them.</summary>
public sealed class QuoteAccessRuleTests
{
    private const string Owner = "rep-sh001-01";
    private const string Team = "dept-east-retail";

    private static ViewerScope Person(string role, string? rep = null, string departments = "", string regions = "") =>
        ViewerScope.Of([role], regions.Split(',', StringSplitOptions.RemoveEmptyEntries), []) with
        {
            RepId = rep,
            Departments = [.. departments.Split(',', StringSplitOptions.RemoveEmptyEntries)],
        };

    [Theory]
    // role,                              rep,             departments,        regions,        sees,  quotes
    [InlineData(ChainRoles.SalesRep, Owner, Team, "", true, true)]                           // the owner rep
    [InlineData(ChainRoles.SalesRep, "rep-sh001-02", Team, "", false, false)]                // another rep of the team
    [InlineData(ChainRoles.SalesManager, null, Team, "", true, true)]                        // the team's sales manager
    [InlineData(ChainRoles.SalesManager, null, "dept-south-retail", "", false, false)]       // another team's
    [InlineData(ChainRoles.SalesDirector, null, Team, "region-east", true, false)]           // the director approves, does not quote
    [InlineData(ChainRoles.SalesDirector, null, "", "region-east", true, false)]             // by region
    [InlineData(ChainRoles.SalesDirector, null, "dept-south-retail", "region-south", false, false)]
    [InlineData(ChainRoles.Legal, null, "", "", true, false)]
    [InlineData(ChainRoles.Finance, null, "", "", true, false)]
    [InlineData(ChainRoles.Hq, null, "", "", true, false)]
    [InlineData(ChainRoles.StoreManager, null, "", "", false, false)]                        // not this store's manager
    [InlineData(ChainRoles.Board, null, Team, "", false, false)]
    public void Approvers_see_quotes_and_only_the_owner_and_the_team_manager_make_them(string role, string? rep, string departments, string regions, bool sees, bool quotes)
    {
        var viewer = Person(role, rep, departments, regions);

        Assert.Equal(sees, QuoteAccessRule.MaySee(viewer, Owner, Team, "region-east"));
        Assert.Equal(quotes, QuoteAccessRule.MayQuote(viewer, Owner, Team));
    }
}
