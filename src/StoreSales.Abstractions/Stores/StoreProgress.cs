using System.Collections.Immutable;
using StoreSales.Abstractions.StoreEvents;
using StoreSales.Domain.Targets;

namespace StoreSales.Abstractions.Stores;

/// <summary>
/// A store's live progress: the snapshot behind the store board, <c>GET /api/stores/{id}/progress</c>
/// and the SignalR <c>ProgressUpdated</c> message. <see cref="Devices"/> and <see cref="AgentSeenAt"/> come from
/// the agent's last heartbeat (live state only: empty after a restart until the next heartbeat).
/// <see cref="Hours"/> is today's sales and expectation per store-local hour; <see cref="RecentSales"/> the latest
/// sales, newest first. <see cref="Events"/> are the store's events (not cancelled) from now to the end of its month, a
/// closure under way included; <see cref="ClosedBy"/> is the closing event under way, null while the store is not closed
/// by one (docs/domain.md "Store events").
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StoreProgress(
    [property: Id(0)] string StoreId,
    [property: Id(1)] string StoreName,
    [property: Id(2)] string RegionId,
    [property: Id(3)] PeriodProgress Day,
    [property: Id(4)] PeriodProgress Month,
    [property: Id(5)] ImmutableArray<HotItemNow> HotItems,
    [property: Id(6)] DateTimeOffset UpdatedAt,
    [property: Id(7)] long Version,
    [property: Id(8)] string TimeZone,
    [property: Id(9)] ImmutableArray<DeviceStatus> Devices,
    [property: Id(10)] DateTimeOffset? AgentSeenAt,
    [property: Id(11)] ImmutableArray<HourFigure> Hours,
    [property: Id(12)] ImmutableArray<RecentSale> RecentSales,
    [property: Id(30)] ImmutableArray<StoreEventNow> Events,
    [property: Id(20)] AgentHealth? Agent = null,
    [property: Id(31)] StoreEventNow? ClosedBy = null);

/// <summary>One store-local hour of today: what it sold and what it was expected to sell.</summary>
[GenerateSerializer, Immutable]
public sealed record HourFigure(
    [property: Id(0)] int Hour,
    [property: Id(1)] decimal Actual,
    [property: Id(2)] decimal Expected);

/// <summary>One of the store's latest sales, for the board's ticker.</summary>
[GenerateSerializer, Immutable]
public sealed record RecentSale(
    [property: Id(0)] string TerminalId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] DateTimeOffset RungUpAt,
    [property: Id(3)] decimal Total,
    [property: Id(4)] decimal Units);

/// <summary>One period (day or month) against its target, paced to now.</summary>
[GenerateSerializer, Immutable]
public sealed record PeriodProgress(
    [property: Id(0)] decimal Actual,
    [property: Id(1)] decimal Target,
    [property: Id(2)] decimal Expected,
    [property: Id(3)] decimal? Deviation,
    [property: Id(4)] TargetBand Status,
    [property: Id(5)] PaceDirection Direction,
    [property: Id(6)] int SalesCount)
{
    public static readonly PeriodProgress Empty = new(0, 0, 0, null, TargetBand.Pending, PaceDirection.OnPace, 0);
}

/// <summary>
/// An item selling fast at the store right now: units and pace over the sliding window (<c>Live:HotItemWindow</c>),
/// against what the store usually sells of it at this hour of this weekday. Hot lists are ranked by
/// <see cref="Lift"/> (ties by units); <see cref="IsHot"/> is the rule's verdict (enough units and lift at least
/// <c>HotItems:HotLift</c>), so pages show it rather than re-deciding.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record HotItemNow(
    [property: Id(0)] string ItemCode,
    [property: Id(1)] string? Name,
    [property: Id(2)] decimal Units,
    [property: Id(3)] decimal UnitsPerHour,
    [property: Id(4)] decimal Lift,
    [property: Id(5)] decimal UsualUnitsPerHour,
    [property: Id(6)] bool IsHot);
