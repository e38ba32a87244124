namespace StoreSales.Edge.Devices;

/// <summary>
/// One physical device of a terminal that the agent reads: a till's line protocol, a serial scanner, and
/// later a HID scanner or a receipt-printer tap. The agent runs every adapter until shutdown; an adapter
/// handles its own device faults (reopen, backoff) and never ends because of bad input.
/// </summary>
public interface IDeviceAdapter
{
    /// <summary>The terminal this device belongs to.</summary>
    string TerminalId { get; }

    /// <summary>What kind of device: <c>till</c>, <c>scanner</c> …</summary>
    string Kind { get; }

    /// <summary>Where it is read from (a port path).</summary>
    string Source { get; }

    /// <summary>Reads the device until <paramref name="cancellationToken"/> is cancelled.</summary>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Connection state and counters, for heartbeats and tests.</summary>
    DeviceSnapshot Snapshot();
}

/// <summary>
/// A device's state at one moment: whether it is connected, its counters by name, and when it last sent anything
/// (null when it has not since the agent started).
/// </summary>
public sealed record DeviceSnapshot(
    string TerminalId,
    string Kind,
    string Source,
    bool Connected,
    IReadOnlyDictionary<string, long> Counters,
    DateTimeOffset? LastEventAt = null)
{
    /// <summary>A counter's value, 0 when the device has no counter of that name.</summary>
    public long this[string counter] => Counters.TryGetValue(counter, out var value) ? value : 0;
}
