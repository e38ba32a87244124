namespace StoreSales.Domain.Alerts;

/// <summary>How urgent an alert is.</summary>
public enum AlertSeverity
{
    /// <summary>For information (a calibration flag): nobody has to act now.</summary>
    Info,
    Low,
    Medium,
    High,
}

/// <summary>Who an alert goes to.</summary>
public enum AlertRoute
{
    /// <summary>The field supervisor of the store's region.</summary>
    RegionSupervisor,

    /// <summary>HQ's target calibration: the target, not the store, is probably wrong.</summary>
    HqCalibration,
}

/// <summary>
/// The names the intervention journal, the inbox and the notification outbox store for severities and assignees:
/// the one place the enums become text, so stored alerts keep reading the same.
/// </summary>
public static class AlertNames
{
    public const string Info = "info";
    public const string Low = "low";
    public const string Medium = "medium";
    public const string High = "high";

    /// <summary>HQ (target calibration).</summary>
    public const string Hq = "hq";

    /// <summary>Followed by the region id: that region's field supervisor.</summary>
    public const string SupervisorPrefix = "supervisor:";

    public static string Name(this AlertSeverity severity) => severity switch
    {
        AlertSeverity.Info => Info,
        AlertSeverity.Low => Low,
        AlertSeverity.Medium => Medium,
        AlertSeverity.High => High,
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };

    public static string Assignee(this AlertRoute route, string regionId) => route switch
    {
        AlertRoute.RegionSupervisor => SupervisorPrefix + regionId,
        AlertRoute.HqCalibration => Hq,
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
    };
}
