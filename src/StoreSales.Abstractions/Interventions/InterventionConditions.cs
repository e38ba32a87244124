namespace StoreSales.Abstractions.Interventions;

/// <summary>The conditions the rules raise alerts for, as they appear in alert keys and the inbox.</summary>
public static class InterventionConditions
{
    /// <summary>A store's day is red and behind pace: the field supervisor should act.</summary>
    public const string DayBehind = "day-behind";

    /// <summary>A store's day is red and ahead of pace: HQ should check the target (calibration flag).</summary>
    public const string DayAheadCalibration = "day-ahead-calibration";

    /// <summary>Sales are waiting at the store for longer than they should: the store's feed to HQ is lagging.</summary>
    public const string FeedLagging = "feed-lagging";

    /// <summary>A store's edge agent reports its outbox near (or past) its disk bound: the store PC may run out of disk.</summary>
    public const string OutboxNearFull = "outbox-near-full";

    /// <summary>A store PC's clock is further from the server's than <c>Live:ClockSkewAlertAfter</c>: till times are suspect.</summary>
    public const string ClockSkew = "clock-skew";

    public static string GrainKey(string subjectId, string condition) => $"{subjectId}/{condition}";
}
