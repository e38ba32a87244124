using System.Collections.Immutable;
using StoreSales.Domain.Targets;

namespace StoreSales.Abstractions.Stores;

/// <summary>
/// A store's live progress: the snapshot behind the store board, <c>GET /api/stores/{id}/progress</c>
/// and the SignalR <c>ProgressUpdated</c> message. <see cref="Devices"/> and <see cref="AgentSeenAt"/> come from
/// the agent's last heartbeat (live state only: empty after a restart until the next heartbeat).
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
    [property: Id(20)] AgentHealth? Agent = null);

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

/// <summary>An item selling fast at the store right now.</summary>
[GenerateSerializer, Immutable]
public sealed record HotItemNow(
    [property: Id(0)] string ItemCode,
    [property: Id(1)] string? Name,
    [property: Id(2)] decimal Units,
    [property: Id(3)] decimal UnitsPerHour);
