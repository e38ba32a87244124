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

    /// <summary>The rep concerned: the lead's rep, the customer's owner (a reminder to act).</summary>
    Rep,

    /// <summary>The manager of the rep's store (or sales team).</summary>
    StoreManager,

    /// <summary>Finance (the chain's receivables desk): one inbox for the whole chain.</summary>
    Finance,
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

    /// <summary>Finance, chain-wide.</summary>
    public const string Finance = "finance";

    /// <summary>Followed by the region id: that region's field supervisor.</summary>
    public const string SupervisorPrefix = "supervisor:";

    /// <summary>Followed by the region id: that region's regional manager (an alert escalated past the field supervisor).</summary>
    public const string RegionalManagerPrefix = "regional-manager:";

    /// <summary>Followed by the rep id: that rep.</summary>
    public const string RepPrefix = "rep:";

    /// <summary>Followed by the store (or sales team) id: its manager.</summary>
    public const string StoreManagerPrefix = "store-manager:";

    public static string Name(this AlertSeverity severity) => severity switch
    {
        AlertSeverity.Info => Info,
        AlertSeverity.Low => Low,
        AlertSeverity.Medium => Medium,
        AlertSeverity.High => High,
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };

    /// <summary>The assignee of a store's alert: its region's supervisor, or HQ.</summary>
    public static string Assignee(this AlertRoute route, string regionId) => route.Assignee(new AlertRecipients(regionId));

    /// <summary>The assignee of an alert routed to <paramref name="route"/>, among the people concerned by its subject.</summary>
    public static string Assignee(this AlertRoute route, AlertRecipients recipients) => route switch
    {
        AlertRoute.RegionSupervisor => SupervisorPrefix + recipients.RegionId,
        AlertRoute.HqCalibration => Hq,
        AlertRoute.Rep => RepPrefix + (recipients.RepId ?? throw Missing(route, nameof(recipients.RepId))),
        AlertRoute.StoreManager => StoreManagerPrefix + (recipients.StoreId ?? throw Missing(route, nameof(recipients.StoreId))),
        AlertRoute.Finance => Finance,
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
    };

    private static ArgumentException Missing(AlertRoute route, string field) =>
        new($"An alert routed to {route} needs the {field} of its recipients.", nameof(route));
}
