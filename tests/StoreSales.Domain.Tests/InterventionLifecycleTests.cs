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
    [InlineData(InterventionStatus.Escalated, InterventionAction.Escalate, InterventionStatus.Escalated)]
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
    [InlineData(InterventionStatus.Escalated, 29, false)]   // counted from the escalation: the next level has its own time
    [InlineData(InterventionStatus.Escalated, 30, true)]
    public void The_sla_escalates_what_waited_too_long(InterventionStatus status, int minutes, bool breached)
    {
        var raised = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(breached, InterventionLifecycle.IsSlaBreached(status, raised, raised.AddMinutes(minutes), new InterventionSlaOptions()));
    }

    [Theory]
    [InlineData(InterventionStatus.Open, 19, false)]
    [InlineData(InterventionStatus.Open, 20, true)]          // 30 min to acknowledge, warned 10 min before
    [InlineData(InterventionStatus.Open, 29, true)]
    [InlineData(InterventionStatus.Open, 30, false)]         // past it: escalated, no longer a warning
    [InlineData(InterventionStatus.InProgress, 229, false)]
    [InlineData(InterventionStatus.InProgress, 230, true)]
    [InlineData(InterventionStatus.Resolved, 25, false)]
    public void The_inbox_is_warned_before_the_deadline(InterventionStatus status, int minutes, bool warned)
    {
        var from = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(warned, InterventionLifecycle.IsSlaWarning(status, from, from.AddMinutes(minutes), new InterventionSlaOptions()));
    }

    [Fact]
    public void A_warning_as_long_as_the_sla_stops_the_start()
    {
        Assert.NotNull(new InterventionSlaOptions { WarnBefore = TimeSpan.FromMinutes(30) }.Validate());
        Assert.Null(new InterventionSlaOptions().Validate());
    }
}
