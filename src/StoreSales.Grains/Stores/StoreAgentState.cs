using StoreSales.Abstractions.Stores;

namespace StoreSales.Grains.Stores;

/// <summary>
/// A store's latest agent heartbeat as last written (state name "agent"), apart from the figures: heartbeats come every
/// 30 s and are written far less often (<see cref="LiveOptions.HeartbeatSaveInterval"/>), so they never make the figures'
/// checkpoint look changed.
/// </summary>
[GenerateSerializer]
public sealed class StoreAgentState
{
    [Id(0)] public StoreHeartbeat? Heartbeat { get; set; }

    /// <summary>When the server received it (server clock).</summary>
    [Id(1)] public DateTimeOffset ReceivedAt { get; set; }
}
