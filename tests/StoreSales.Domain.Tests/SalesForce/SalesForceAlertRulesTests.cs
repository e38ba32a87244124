using System.Collections.Immutable;
using StoreSales.Domain.Alerts;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Leads;
using StoreSales.Domain.SalesForce.Reps;
using StoreSales.Domain.Targets;

namespace StoreSales.Domain.Tests.SalesForce;

public sealed class SalesForceAlertRulesTests
{
    private static readonly DateTimeOffset Now = ChainTime.At(2026, 11, 11, 10, 0);
    private static readonly IReadOnlySet<string> NoneRaised = new HashSet<string>();

    public static TheoryData<string, SalesForceAlertFacts, (string, AlertSeverity, AlertRoute)[]> Cases => new()
    {
        { "lead overdue: the rep and the supervisor", new(NoneRaised, Lead: Lead(LeadContactStatus.Overdue)),
            [(AlertConditions.LeadFirstContactOverdue, AlertSeverity.Medium, AlertRoute.Rep), (AlertConditions.LeadFirstContactOverdue, AlertSeverity.Medium, AlertRoute.RegionSupervisor)] },
        { "lead waiting: nobody", new(NoneRaised, Lead: Lead(LeadContactStatus.Waiting)), [] },
        { "lead contacted late: nobody (the episode is over)", new(NoneRaised, Lead: Lead(LeadContactStatus.ContactedLate)), [] },
        { "30 days: the owner", new(NoneRaised, Dormancy: Dormancy(DormancyState.FollowUpDue)), [(AlertConditions.CustomerFollowUpDue, AlertSeverity.Low, AlertRoute.Rep)] },
        { "29 days: nobody", new(NoneRaised, Dormancy: Dormancy(DormancyState.Active)), [] },
        { "in the pool: no follow-up reminder", new(NoneRaised, Dormancy: Dormancy(DormancyState.ReleasedToPool)), [] },
        { "hand-over overdue: the supervisor, high", new(NoneRaised, HandOver: HandOver(HandOverStatus.Overdue)), [(AlertConditions.HandOverOverdue, AlertSeverity.High, AlertRoute.RegionSupervisor)] },
        { "hand-over open: nobody", new(NoneRaised, HandOver: HandOver(HandOverStatus.Open)), [] },
        { "health dropped: the owner", new(NoneRaised, HealthDropped: true), [(AlertConditions.CustomerHealthDropped, AlertSeverity.Medium, AlertRoute.Rep)] },
        { "opportunity stalled: the rep's manager, then the supervisor", new(NoneRaised, Opportunity: new(Domain.SalesForce.Opportunities.AgeingColour.Stalled, TimeSpan.FromDays(14), null)),
            [(AlertConditions.OpportunityStalled, AlertSeverity.Medium, AlertRoute.StoreManager), (AlertConditions.OpportunityStalled, AlertSeverity.Low, AlertRoute.RegionSupervisor)] },
        { "opportunity yellow: nobody yet", new(NoneRaised, Opportunity: new(Domain.SalesForce.Opportunities.AgeingColour.Yellow, TimeSpan.FromDays(13), null)), [] },
        { "rep red behind: the store manager, then the supervisor", new(NoneRaised, RepTarget: new TargetStatus(TargetBand.Red, PaceDirection.Behind, -0.2m)),
            [(AlertConditions.RepBehindTarget, AlertSeverity.High, AlertRoute.StoreManager), (AlertConditions.RepBehindTarget, AlertSeverity.Medium, AlertRoute.RegionSupervisor)] },
        { "rep red ahead: no intervention", new(NoneRaised, RepTarget: new TargetStatus(TargetBand.Red, PaceDirection.Ahead, 0.2m)), [] },
        { "rep yellow behind: nobody yet", new(NoneRaised, RepTarget: new TargetStatus(TargetBand.Yellow, PaceDirection.Behind, -0.1m)), [] },
        { "nothing known: nothing", new(NoneRaised), [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_condition_raises_its_severity_and_route(string because, SalesForceAlertFacts facts, (string, AlertSeverity, AlertRoute)[] alerts)
    {
        var decision = SalesForceAlertRules.Decide(facts);

        Assert.True(alerts.SequenceEqual(decision.Raise.Select(a => (a.Condition, a.Severity, a.Route))), because);
        Assert.Empty(decision.Ended);
    }

    [Fact]
    public void The_table_covers_every_sales_force_condition_and_nothing_else()
    {
        Assert.Equal(
            new[] { AlertConditions.LeadFirstContactOverdue, AlertConditions.CustomerFollowUpDue, AlertConditions.HandOverOverdue, AlertConditions.CustomerHealthDropped, AlertConditions.RepBehindTarget, AlertConditions.OpportunityStalled, AlertConditions.CreditHold, AlertConditions.InstalmentOverdue }.Order(),
            SalesForceAlertRules.Table.Keys.Order());
        Assert.All(SalesForceAlertRules.Table.Values, deliveries => Assert.NotEmpty(deliveries));
    }

    [Fact]
    public void An_overdue_instalment_goes_to_the_owner_rep_and_to_finance()
    {
        var recipients = new AlertRecipients("region-east", "store-sh001", "rep-sh001-01");

        Assert.Equal(
            ["rep:rep-sh001-01", "finance"],
            SalesForceAlertRules.Table[AlertConditions.InstalmentOverdue].Select(d => d.Route.Assignee(recipients)));
    }

    [Fact]
    public void A_raised_episode_raises_once_and_ends_when_the_condition_stops_holding()
    {
        var raised = new HashSet<string> { AlertConditions.LeadFirstContactOverdue, AlertConditions.CustomerFollowUpDue, AlertConditions.HandOverOverdue };

        var still = SalesForceAlertRules.Decide(new(raised, Lead: Lead(LeadContactStatus.Overdue), Dormancy: Dormancy(DormancyState.FollowUpDue), HandOver: HandOver(HandOverStatus.Overdue)));
        var over = SalesForceAlertRules.Decide(new(raised, Lead: Lead(LeadContactStatus.ContactedLate), Dormancy: Dormancy(DormancyState.ReleasedToPool), HandOver: HandOver(HandOverStatus.HandedOverLate)));

        Assert.Empty(still.Raise);
        Assert.Empty(still.Ended);
        Assert.Empty(over.Raise);
        Assert.Equal([AlertConditions.LeadFirstContactOverdue, AlertConditions.CustomerFollowUpDue, AlertConditions.HandOverOverdue], over.Ended);
    }

    [Fact]
    public void A_fact_this_caller_does_not_judge_neither_raises_nor_ends()
    {
        // A rep grain judging one lead knows nothing of a customer's follow-up episode raised elsewhere.
        var raised = new HashSet<string> { AlertConditions.CustomerFollowUpDue, AlertConditions.RepBehindTarget };

        var decision = SalesForceAlertRules.Decide(new(raised, Lead: Lead(LeadContactStatus.Waiting)));

        Assert.Empty(decision.Raise);
        Assert.Empty(decision.Ended);
    }

    [Theory]
    [InlineData(AlertRoute.Rep, "rep:rep-7")]
    [InlineData(AlertRoute.StoreManager, "store-manager:store-021")]
    [InlineData(AlertRoute.RegionSupervisor, "supervisor:region-east")]
    [InlineData(AlertRoute.HqCalibration, "hq")]
    public void Routes_name_the_assignee_among_the_recipients(AlertRoute route, string assignee) =>
        Assert.Equal(assignee, route.Assignee(new AlertRecipients("region-east", "store-021", "rep-7")));

    [Fact]
    public void A_route_without_its_recipient_is_a_programming_error() =>
        Assert.Throws<ArgumentException>(() => AlertRoute.Rep.Assignee("region-east"));

    private static LeadContact Lead(LeadContactStatus status) => new(status, Now, TimeSpan.Zero);

    private static CustomerDormancy Dormancy(DormancyState state) => new(state, 30, Now.AddDays(-30), null);

    private static HandOverState HandOver(HandOverStatus status) => new(status, Now, ImmutableArray<HandOverGap>.Empty);
}
