namespace StoreSales.Domain.Interventions;

/// <summary>
/// The alert lifecycle: open → acknowledged → in progress → resolved (an outcome is required), or escalated
/// when its SLA passes, to the next role of the escalation chain; an escalated alert is worked at the next level the same
/// way, and escalates again when nobody acknowledges it there. Resolved is final.
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
            // An escalated alert nobody takes up escalates again, to the next role of the chain (EscalationChain).
            InterventionAction.Escalate
                => InterventionTransition.To(InterventionStatus.Escalated),
            _ => InterventionTransition.Refused(current, $"Unknown action {action}."),
        };
    }

    /// <summary>
    /// The SLA step that is due, if any: an alert not acknowledged within <see cref="InterventionSlaOptions.AcknowledgeWithin"/>,
    /// or not resolved within <see cref="InterventionSlaOptions.ResolveWithin"/> of being raised, escalates.
    /// </summary>
    public static bool IsSlaBreached(InterventionStatus status, DateTimeOffset raisedAt, DateTimeOffset now, InterventionSlaOptions sla) =>
        Deadline(status, raisedAt, sla) is { } deadline && now >= deadline;

    /// <summary>When the alert escalates unless someone acts: <paramref name="slaFrom"/> (raised, or last escalated) plus its status's SLA; null when nothing is due.</summary>
    public static DateTimeOffset? Deadline(InterventionStatus status, DateTimeOffset slaFrom, InterventionSlaOptions sla) => status switch
    {
        InterventionStatus.Open or InterventionStatus.Escalated => slaFrom + sla.AcknowledgeWithin,
        InterventionStatus.Acknowledged or InterventionStatus.InProgress => slaFrom + sla.ResolveWithin,
        _ => null,
    };

    /// <summary>
    /// Within <see cref="InterventionSlaOptions.WarnBefore"/> of its deadline and not yet past it: the inbox marks it as about
    /// to escalate, so the assignee can act before it goes up the chain.
    /// </summary>
    public static bool IsSlaWarning(InterventionStatus status, DateTimeOffset slaFrom, DateTimeOffset now, InterventionSlaOptions sla) =>
        Deadline(status, slaFrom, sla) is { } deadline && now >= deadline - sla.WarnBefore && now < deadline;
}

/// <summary>The outcome of applying an action: the new status, or why it was refused.</summary>
public sealed record InterventionTransition(InterventionStatus Status, string? RefusedBecause)
{
    public bool Accepted => RefusedBecause is null;

    public static InterventionTransition To(InterventionStatus status) => new(status, null);

    public static InterventionTransition Refused(InterventionStatus current, string reason) => new(current, reason);
}
