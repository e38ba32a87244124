using System.Collections.Immutable;
using StoreSales.Domain.Targets;

namespace StoreSales.Domain.Alerts;

/// <summary>Thresholds of the store's alert rules (from <c>Live</c>: DeviceOfflineAlertAfter, FeedLagAlertAfter, ClockSkewAlertAfter).</summary>
public sealed record StoreAlertOptions(TimeSpan DeviceOfflineAlertAfter, TimeSpan FeedLagAlertAfter, TimeSpan ClockSkewAlertAfter);

/// <summary>A device as the agent's last heartbeat showed it; <paramref name="OfflineSince"/> is when this offline episode began.</summary>
public sealed record DeviceFact(string TerminalId, string Kind, bool Online, DateTimeOffset? OfflineSince);

/// <summary>How full the store PC's outbox is against its disk bound.</summary>
public enum OutboxLevel
{
    Ok,
    NearFull,
    OverBound,
}

/// <summary>The edge agent's own health from its last heartbeat.</summary>
public sealed record AgentFacts(TimeSpan? OldestUnsentAge, OutboxLevel Outbox, TimeSpan? ClockSkew);

/// <summary>
/// What the rules look at: the day's evaluated status, whether the store is open, its devices and agent, and which
/// conditions already have an alert raised for the episode under way. <paramref name="ClosedByEvent"/>: the store is
/// inside a closure it recorded (weather, outage, refit …); it is then neither behind nor open.
/// </summary>
public sealed record StoreAlertFacts(
    TargetStatus Day,
    bool StoreOpen,
    ImmutableArray<DeviceFact> Devices,
    AgentFacts? Agent,
    IReadOnlySet<string> Raised,
    DateTimeOffset Now,
    bool ClosedByEvent = false);

/// <summary>An alert to raise; <paramref name="Device"/> is set for a device's alert.</summary>
public sealed record StoreAlert(string Condition, AlertSeverity Severity, AlertRoute Route, DeviceFact? Device = null);

/// <summary>The alerts to raise now, and the raised conditions whose episode ended (raise again when they return).</summary>
public sealed record StoreAlertDecision(ImmutableArray<StoreAlert> Raise, ImmutableArray<string> Ended);
