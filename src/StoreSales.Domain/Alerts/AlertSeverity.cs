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
    public static string Name(this AlertSeverity severity) => severity switch
    {
        AlertSeverity.Info => "info",
        AlertSeverity.Low => "low",
        AlertSeverity.Medium => "medium",
        AlertSeverity.High => "high",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };

    public static string Assignee(this AlertRoute route, string regionId) => route switch
    {
        AlertRoute.RegionSupervisor => $"supervisor:{regionId}",
        AlertRoute.HqCalibration => "hq",
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
    };
}
