namespace StoreSales.Domain.Interventions;

/// <summary>
/// The alert lifecycle: open → acknowledged → in progress → resolved (an outcome is required), or escalated
/// when its SLA passes; an escalated alert is worked at the next level the same way. Resolved is final.
/// </summary>
public static class InterventionLifecycle
{
    public static InterventionTransition Apply(InterventionStatus current, InterventionAction action, string? outcome)
    {
        if (current == InterventionStatus.Resolved)
        {
            return InterventionTransition.Refused(current, "The alert is already resolved.");
        }

        return action switch
        {
            InterventionAction.Acknowledge when current is InterventionStatus.Open or InterventionStatus.Escalated
                => InterventionTransition.To(InterventionStatus.Acknowledged),
            InterventionAction.Acknowledge
                => InterventionTransition.Refused(current, $"Only an open or escalated alert can be acknowledged; this one is {current}."),
            InterventionAction.Start when current is not InterventionStatus.InProgress
                => InterventionTransition.To(InterventionStatus.InProgress),
            InterventionAction.Start
                => InterventionTransition.Refused(current, "The alert is already in progress."),
            InterventionAction.Resolve when string.IsNullOrWhiteSpace(outcome)
                => InterventionTransition.Refused(current, "Resolving an alert needs its outcome: what was done and what came of it."),
            InterventionAction.Resolve
                => InterventionTransition.To(InterventionStatus.Resolved),
            InterventionAction.Escalate when current is InterventionStatus.Open or InterventionStatus.Acknowledged or InterventionStatus.InProgress
                => InterventionTransition.To(InterventionStatus.Escalated),
            InterventionAction.Escalate
                => InterventionTransition.Refused(current, "The alert is already escalated."),
            _ => InterventionTransition.Refused(current, $"Unknown action {action}."),
        };
    }

    /// <summary>
    /// The SLA step that is due, if any: an alert not acknowledged within <see cref="InterventionSlaOptions.AcknowledgeWithin"/>,
    /// or not resolved within <see cref="InterventionSlaOptions.ResolveWithin"/> of being raised, escalates.
    /// </summary>
    public static bool IsSlaBreached(InterventionStatus status, DateTimeOffset raisedAt, DateTimeOffset now, InterventionSlaOptions sla) => status switch
    {
        InterventionStatus.Open => now - raisedAt >= sla.AcknowledgeWithin,
        InterventionStatus.Acknowledged or InterventionStatus.InProgress => now - raisedAt >= sla.ResolveWithin,
        _ => false,
    };
}

/// <summary>The outcome of applying an action: the new status, or why it was refused.</summary>
public sealed record InterventionTransition(InterventionStatus Status, string? RefusedBecause)
{
    public bool Accepted => RefusedBecause is null;

    public static InterventionTransition To(InterventionStatus status) => new(status, null);

    public static InterventionTransition Refused(InterventionStatus current, string reason) => new(current, reason);
}
