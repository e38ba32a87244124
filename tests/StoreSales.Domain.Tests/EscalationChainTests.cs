using StoreSales.Domain.Interventions;

namespace StoreSales.Domain.Tests;

/// <summary>An alert past its SLA goes up the configured chain of roles: supervisor → regional manager → HQ by default.</summary>
public sealed class EscalationChainTests
{
    private static readonly IReadOnlyList<string> Default = new InterventionEscalationOptions().Roles;

    [Theory]
    [InlineData("supervisor:region-east", "region-east", "regional-manager:region-east")]
    [InlineData("regional-manager:region-east", "region-east", "hq")]
    [InlineData("hq", "region-east", "hq")]                                  // the top keeps it
    [InlineData("store-manager:store-sh001", "region-east", "supervisor:region-east")] // not in the chain: its first role
    [InlineData("rep:rep-sh001-01", "region-east", "supervisor:region-east")]
    [InlineData("supervisor:region-east", null, "hq")]                        // no region: the regional roles are skipped
    public void The_next_assignee_is_the_next_role_of_the_chain(string assignee, string? region, string next)
    {
        Assert.Equal(next, EscalationChain.Next(assignee, region, Default));
    }

    [Fact]
    public void A_chain_without_regional_managers_goes_from_the_supervisor_to_HQ()
    {
        Assert.Equal("hq", EscalationChain.Next("supervisor:region-south", "region-south", ["field-supervisor", "hq"]));
    }

    [Theory]
    [InlineData("field-supervisor,sales-rep")]
    [InlineData("hq,hq")]
    public void A_chain_that_reaches_nobody_stops_the_start(string chain)
    {
        Assert.NotNull(new InterventionEscalationOptions { Chain = [.. chain.Split(',')] }.Validate());
    }

    [Theory]
    [InlineData("field-supervisor", "regional-manager:region-east", InterventionStatus.Escalated, true)]
    [InlineData("field-supervisor", "hq", InterventionStatus.Escalated, true)]
    [InlineData("regional-manager", "regional-manager:region-east", InterventionStatus.Escalated, false)] // theirs now
    [InlineData("regional-manager", "hq", InterventionStatus.Escalated, true)]
    [InlineData("field-supervisor", "supervisor:region-east", InterventionStatus.Open, false)]
    [InlineData("field-supervisor", "regional-manager:region-east", InterventionStatus.Acknowledged, false)] // taken up there
    [InlineData("store-manager", "regional-manager:region-east", InterventionStatus.Escalated, false)]       // never held a chain role
    public void The_previous_assignee_sees_it_escalated_away(string viewerRole, string assignee, InterventionStatus status, bool away)
    {
        Assert.Equal(away, EscalationChain.EscalatedAway(new HashSet<string> { viewerRole }, assignee, status, Default));
    }
}
