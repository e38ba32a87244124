using StoreSales.Domain.Interventions;

namespace StoreSales.Domain.Tests;

public sealed class InterventionLifecycleTests
{
    [Theory]
    [InlineData(InterventionStatus.Open, InterventionAction.Acknowledge, InterventionStatus.Acknowledged)]
    [InlineData(InterventionStatus.Acknowledged, InterventionAction.Start, InterventionStatus.InProgress)]
    [InlineData(InterventionStatus.Open, InterventionAction.Start, InterventionStatus.InProgress)]
    [InlineData(InterventionStatus.InProgress, InterventionAction.Resolve, InterventionStatus.Resolved)]
    [InlineData(InterventionStatus.Open, InterventionAction.Escalate, InterventionStatus.Escalated)]
    [InlineData(InterventionStatus.InProgress, InterventionAction.Escalate, InterventionStatus.Escalated)]
    [InlineData(InterventionStatus.Escalated, InterventionAction.Acknowledge, InterventionStatus.Acknowledged)]
    public void Allowed_steps_move_the_alert(InterventionStatus from, InterventionAction action, InterventionStatus to)
    {
        var transition = InterventionLifecycle.Apply(from, action, "called the store manager; staffing fixed");

        Assert.True(transition.Accepted);
        Assert.Equal(to, transition.Status);
    }

    [Theory]
    [InlineData(InterventionStatus.Resolved, InterventionAction.Acknowledge)]
    [InlineData(InterventionStatus.Acknowledged, InterventionAction.Acknowledge)]
    [InlineData(InterventionStatus.InProgress, InterventionAction.Start)]
    [InlineData(InterventionStatus.Escalated, InterventionAction.Escalate)]
    [InlineData(InterventionStatus.Resolved, InterventionAction.Escalate)]
    public void Other_steps_are_refused_with_a_reason(InterventionStatus from, InterventionAction action)
    {
        var transition = InterventionLifecycle.Apply(from, action, "outcome");

        Assert.False(transition.Accepted);
        Assert.Equal(from, transition.Status);
        Assert.False(string.IsNullOrWhiteSpace(transition.RefusedBecause));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Resolving_needs_an_outcome(string? outcome)
    {
        var transition = InterventionLifecycle.Apply(InterventionStatus.InProgress, InterventionAction.Resolve, outcome);

        Assert.False(transition.Accepted);
        Assert.Contains("outcome", transition.RefusedBecause, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(InterventionStatus.Open, 29, false)]
    [InlineData(InterventionStatus.Open, 30, true)]
    [InlineData(InterventionStatus.Acknowledged, 239, false)]
    [InlineData(InterventionStatus.InProgress, 240, true)]
    [InlineData(InterventionStatus.Resolved, 1000, false)]
    [InlineData(InterventionStatus.Escalated, 1000, false)]
    public void The_sla_escalates_what_waited_too_long(InterventionStatus status, int minutes, bool breached)
    {
        var raised = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(breached, InterventionLifecycle.IsSlaBreached(status, raised, raised.AddMinutes(minutes), new InterventionSlaOptions()));
    }
}
