using StoreSales.Domain.Targets;

namespace StoreSales.Domain.SalesForce.Reps;

/// <summary>The period of a rep's target that a judgement is about.</summary>
public enum TargetPeriod
{
    Day,
    Month,
}

/// <summary>The status the <c>rep-behind-target</c> alert is judged on, and which period it is.</summary>
public sealed record RepTargetJudgement(TargetPeriod Period, TargetStatus Status);

/// <summary>
/// Which of a rep's two paced statuses (today's, this month's; each from <see cref="TargetStatusRule"/> under
/// <c>SalesForce:Reps:Status</c>) the <c>rep-behind-target</c> alert looks at (docs/domain.md, "Rep targets"): the day
/// when it is red and behind, else the month when it is, else the day, which then needs no intervention and ends an
/// episode under way. One episode covers both periods: a rep whose day and month are both red behind raises once.
/// A rep who is no longer active raises nothing (and ends an episode): nobody can coach a departed rep. Nor does a rep
/// while their store is closed by a recorded event (weather, outage, refit): as for the store's own alerts, nobody can
/// act on a closed shop floor, and the closure's hours are out of the rep's pace anyway.
/// </summary>
public static class RepTargetRule
{
    public static RepTargetJudgement ForAlert(TargetStatus day, TargetStatus month, bool active, bool storeClosedByEvent = false) =>
        !active || storeClosedByEvent ? new RepTargetJudgement(TargetPeriod.Day, TargetStatus.Pending)
        : day.NeedsIntervention ? new RepTargetJudgement(TargetPeriod.Day, day)
        : month.NeedsIntervention ? new RepTargetJudgement(TargetPeriod.Month, month)
        : new RepTargetJudgement(TargetPeriod.Day, day);
}
