namespace StoreSales.Domain.Alerts;

/// <summary>
/// When a device's offline episode began, the clock the device-offline alert's <c>Live:DeviceOfflineAlertAfter</c> runs
/// from. A device of an agent that fell silent went offline when its last heartbeat grew older than
/// <c>Live:DeviceOfflineAfter</c>, whenever the store happens to look (a store woken on another silo after a restart
/// included); one the agent itself reports offline, when the store first saw it so. The earlier of the two wins: a device
/// reported offline before its agent fell silent keeps its start.
/// </summary>
public static class OfflineEpisode
{
    /// <param name="firstSeenOffline">When this store's current activation first saw the device offline; null if not yet.</param>
    /// <param name="lastHeartbeatAt">When the agent's last heartbeat arrived (server clock), as kept in storage.</param>
    public static DateTimeOffset Began(DateTimeOffset? firstSeenOffline, DateTimeOffset lastHeartbeatAt, DateTimeOffset now, TimeSpan deviceOfflineAfter)
    {
        var silent = now - lastHeartbeatAt > deviceOfflineAfter;
        var began = silent ? lastHeartbeatAt + deviceOfflineAfter : now;
        return firstSeenOffline is { } seen && seen < began ? seen : began;
    }
}
