using System.Collections.Immutable;

namespace StoreSales.Abstractions.Stores;

/// <summary>
/// The latest word from a store's edge agent (<see cref="IStoreGrain.ReportHeartbeat"/>). Times are the agent's
/// clock; <see cref="ClockSkew"/> is server minus agent, when the agent has measured it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StoreHeartbeat(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string? AgentVersion,
    [property: Id(2)] DateTimeOffset SentAt,
    [property: Id(3)] long OutboxDepth,
    [property: Id(4)] TimeSpan? OldestUnsentAge,
    [property: Id(5)] long RejectedCount,
    [property: Id(6)] DateTimeOffset? LastAckAt,
    [property: Id(7)] TimeSpan? ClockSkew,
    [property: Id(8)] ImmutableArray<DeviceReport> Devices);

/// <summary>One device as the agent reported it.</summary>
[GenerateSerializer, Immutable]
public sealed record DeviceReport(
    [property: Id(0)] string TerminalId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string? Path,
    [property: Id(3)] bool Online,
    [property: Id(4)] DateTimeOffset? LastEventAt,
    [property: Id(5)] ImmutableDictionary<string, long> Counters);

/// <summary>
/// A terminal's device on the store board. Offline when the agent says so, or when no heartbeat came for
/// <c>Live:DeviceOfflineAfter</c>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DeviceStatus(
    [property: Id(0)] string TerminalId,
    [property: Id(1)] string Kind,
    [property: Id(2)] bool Online,
    [property: Id(3)] DateTimeOffset? LastEventAt,
    [property: Id(4)] DateTimeOffset LastHeartbeatAt);
