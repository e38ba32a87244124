using StoreSales.Domain.Access;
using StoreSales.Domain.Notifications;

namespace StoreSales.Domain.Tests.Notifications;

public sealed class AlertAudienceTests
{
    [Theory]
    [InlineData(ChainRoles.Hq, "", "", null, "hq")]
    [InlineData(ChainRoles.FieldSupervisor, "east,north", "", null, "supervisor:east,supervisor:north")]
    [InlineData(ChainRoles.RegionalManager, "east", "", null, "regional-manager:east,supervisor:east")] // the chain escalates to them alone
    [InlineData(ChainRoles.StoreManager, "", "sh001", null, "store-manager:sh001")]
    [InlineData(ChainRoles.SalesRep, "", "sh001", "rep-7", "rep:rep-7")]          // a rep's store is not theirs to manage
    [InlineData(ChainRoles.StoreManager, "", "sh001", "rep-1", "rep:rep-1,store-manager:sh001")] // a manager who sells too
    [InlineData(ChainRoles.Finance, "", "", null, "finance")]                    // instalment-overdue, chain-wide
    [InlineData(ChainRoles.Admin, "east", "sh001", null, "")]                    // administrators work no alerts
    [InlineData(ChainRoles.Board, "", "sh001", null, "")]
    public void A_person_answers_for_the_alerts_they_work(string role, string regions, string stores, string? rep, string expected)
    {
        var scope = ViewerScope.Of([role], Split(regions), Split(stores)) with { RepId = rep };

        Assert.Equal(Split(expected), AlertAudience.AssigneesOf(scope).ToArray());
    }

    [Fact]
    public void A_sales_manager_answers_for_their_teams()
    {
        var scope = ViewerScope.Of([ChainRoles.SalesManager], [], []) with
        {
            Departments = System.Collections.Immutable.ImmutableHashSet.Create(StringComparer.Ordinal, "team-b2b"),
        };

        Assert.Equal(["store-manager:team-b2b"], AlertAudience.AssigneesOf(scope).ToArray());
    }

    [Theory]
    [InlineData("supervisor:east", "east")]
    [InlineData("regional-manager:east", "east")]
    [InlineData("store-manager:team-b2b", "team-b2b")]
    [InlineData("rep:rep-7", "rep-7")]
    [InlineData("hq", null)]
    [InlineData("finance", null)]
    public void An_assignee_names_the_scope_key_only_people_of_that_scope_can_answer_for(string assignee, string? key) =>
        Assert.Equal(key, AlertAudience.ScopeKeyOf(assignee));

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
