namespace StoreSales.Domain.Alerts;

/// <summary>The conditions a store's rules raise alerts for, as they appear in alert keys and the inbox.</summary>
public static class AlertConditions
{
    /// <summary>A store's day is red and behind pace: the field supervisor should act.</summary>
    public const string DayBehind = "day-behind";

    /// <summary>A store's day is red and ahead of pace: HQ should check the target (calibration flag).</summary>
    public const string DayAheadCalibration = "day-ahead-calibration";

    /// <summary>Sales are waiting at the store for longer than they should: the store's feed to HQ is lagging.</summary>
    public const string FeedLagging = "feed-lagging";

    /// <summary>A store's edge agent reports its outbox near (or past) its disk bound: the store PC may run out of disk.</summary>
    public const string OutboxNearFull = "outbox-near-full";

    /// <summary>A store PC's clock is further from the server's than allowed: till times are suspect.</summary>
    public const string ClockSkew = "clock-skew";

    private const string DeviceOfflinePrefix = "device-offline-";

    /// <summary>A till or scanner offline during opening hours; one condition per device.</summary>
    public static string DeviceOffline(string terminalId, string kind) => $"{DeviceOfflinePrefix}{terminalId}-{kind}";
}
