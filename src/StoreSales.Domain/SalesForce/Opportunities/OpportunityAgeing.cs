namespace StoreSales.Domain.SalesForce.Opportunities;

/// <summary>How an opportunity's idle time in its stage looks on the pipeline.</summary>
public enum AgeingColour
{
    /// <summary>Activity within the stage's yellow limit.</summary>
    Green = 0,

    /// <summary>No activity for the stage's yellow limit (7 days by default).</summary>
    Yellow = 1,

    /// <summary>No activity for the stage's stalled limit (14 days by default): the supervisor is told.</summary>
    Stalled = 2,
}

/// <summary>An opportunity's age now: its colour, how long it has been idle, and when the colour next changes (null once stalled).</summary>
public sealed record OpportunityAge(AgeingColour Colour, TimeSpan Idle, DateTimeOffset? NextChangeAt);

/// <summary>
/// Ageing (docs/domain.md "Opportunities"): the time since the last activity (a move, an evidence file) against the
/// stage's limits. Exactly at a limit counts as past it: 7 days idle is yellow, 6 days 23 hours is not. Pure.
/// </summary>
public static class OpportunityAgeing
{
    public static OpportunityAge Evaluate(OpportunityStage stage, DateTimeOffset lastActivityAt, DateTimeOffset now)
    {
        var idle = now - lastActivityAt;
        if (idle < TimeSpan.Zero)
        {
            idle = TimeSpan.Zero;
        }

        return idle >= stage.StalledAfter ? new OpportunityAge(AgeingColour.Stalled, idle, null)
            : idle >= stage.YellowAfter ? new OpportunityAge(AgeingColour.Yellow, idle, lastActivityAt + stage.StalledAfter)
            : new OpportunityAge(AgeingColour.Green, idle, lastActivityAt + stage.YellowAfter);
    }
}
