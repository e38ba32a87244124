namespace StoreSales.Contracts.Health;

/// <summary>
/// What an edge agent reports about itself every <c>Agent:HeartbeatInterval</c>
/// (<c>POST /api/stores/{storeId}/heartbeats</c>). A heartbeat is not retried: the next one replaces it.
/// Times marked "agent clock" are the store PC's; <see cref="ClockSkewSeconds"/> says how far off it is.
/// </summary>
public sealed record AgentHeartbeat
{
    /// <summary>Which agent (the store PC's name).</summary>
    public string AgentId { get; init; } = "";

    public string? AgentVersion { get; init; }

    /// <summary>When the agent sent this heartbeat (agent clock).</summary>
    public DateTimeOffset SentAt { get; init; }

    /// <summary>Sales waiting in the agent's outbox.</summary>
    public long OutboxDepth { get; init; }

    /// <summary>Age of the oldest sale still waiting in the outbox, in seconds; null when the outbox is empty.</summary>
    public double? OldestUnsentAgeSeconds { get; init; }

    /// <summary>Sales the server refused, kept aside by the agent.</summary>
    public long RejectedCount { get; init; }

    /// <summary>When the server last acked a batch (agent clock); null before the first ack.</summary>
    public DateTimeOffset? LastAckAt { get; init; }

    /// <summary>Server clock minus agent clock, in seconds, as measured from the last ack; null before the first ack.</summary>
    public double? ClockSkewSeconds { get; init; }

    /// <summary>Bytes the outbox database holds (pages in use plus its write-ahead log).</summary>
    public long OutboxBytes { get; init; }

    /// <summary>The agent's bound for <see cref="OutboxBytes"/> (<c>Agent:OutboxMaxBytes</c>); null from agents that have none.</summary>
    public long? OutboxMaxBytes { get; init; }

    /// <summary>One of <see cref="OutboxStates"/>, judged by the agent against its own near-full ratio; null from older agents.</summary>
    public string? OutboxState { get; init; }

    /// <summary>Sales written while the outbox was past its bound (kept all the same), since the agent started.</summary>
    public long OutboxWritesPastBound { get; init; }

    public IReadOnlyList<DeviceHeartbeat> Devices { get; init; } = [];
}

/// <summary>How full an agent's outbox is against its disk bound.</summary>
public static class OutboxStates
{
    public const string Ok = "ok";

    /// <summary>At or past <c>Agent:OutboxNearFullRatio</c> of the bound (default 80 %).</summary>
    public const string NearFull = "near-full";

    /// <summary>Past the bound: sales are still written, the disk is at risk.</summary>
    public const string OverBound = "over-bound";

    public static bool IsKnown(string? state) => state is Ok or NearFull or OverBound;
}

/// <summary>One device of a terminal as the agent sees it.</summary>
public sealed record DeviceHeartbeat
{
    public string TerminalId { get; init; } = "";

    /// <summary>One of <see cref="DeviceKinds"/>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>Where the agent reads it (a port or device path).</summary>
    public string? Path { get; init; }

    /// <summary>Whether its port is open.</summary>
    public bool Online { get; init; }

    /// <summary>When the device last sent anything (agent clock); null when it has not since the agent started.</summary>
    public DateTimeOffset? LastEventAt { get; init; }

    /// <summary>The device's counters by name (frames, scans, faults …).</summary>
    public IReadOnlyDictionary<string, long> Counters { get; init; } = new Dictionary<string, long>();
}

/// <summary>The device kinds an agent reads.</summary>
public static class DeviceKinds
{
    public const string Till = "till";
    public const string Scanner = "scanner";
    public const string HidScanner = "hid-scanner";
    public const string Receipt = "receipt";

    public static bool IsKnown(string? kind) => kind is Till or Scanner or HidScanner or Receipt;
}
