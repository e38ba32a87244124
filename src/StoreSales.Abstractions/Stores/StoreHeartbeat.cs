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
    [property: Id(8)] ImmutableArray<DeviceReport> Devices,
    [property: Id(9)] long OutboxBytes = 0,
    [property: Id(10)] long? OutboxMaxBytes = null,
    [property: Id(11)] string? OutboxState = null);

/// <summary>
/// The store's edge agent on the board (<see cref="StoreProgress.Agent"/>), from its last heartbeat: clock skew
/// (server minus agent; null before the agent's first ack), what waits in its outbox and how full the outbox is
/// against its disk bound (<see cref="OutboxState"/>: <c>ok</c>, <c>near-full</c>, <c>over-bound</c>; null from older agents).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AgentHealth(
    [property: Id(0)] TimeSpan? ClockSkew,
    [property: Id(1)] long OutboxDepth,
    [property: Id(2)] TimeSpan? OldestUnsentAge,
    [property: Id(3)] long OutboxBytes,
    [property: Id(4)] long? OutboxMaxBytes,
    [property: Id(5)] string? OutboxState,
    [property: Id(6)] long RejectedCount)
{
    /// <summary>The agent's outbox states as the wire contract has them (<c>OutboxStates</c> in StoreSales.Contracts).</summary>
    public const string OutboxOk = "ok";
    public const string OutboxNearFull = "near-full";
    public const string OutboxOverBound = "over-bound";
}

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
