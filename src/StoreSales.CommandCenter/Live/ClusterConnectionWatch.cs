namespace StoreSales.CommandCenter.Live;

/// <summary>
/// Told by the Orleans client when this host's connections to the silos change: a silo's connection lost (it died, or is
/// restarting) or one gained (a replacement joined). Either way, a live update may have been dropped on the way to this host
/// while routes changed, and grains of a dead silo re-activate elsewhere with what the ledger holds: the open boards are
/// read again (<see cref="BoardResync"/>) rather than waiting for their stores' next sale.
/// </summary>
public sealed partial class ClusterConnectionWatch(BoardResyncSignal signal, ILogger<ClusterConnectionWatch> logger) : IClusterConnectionStatusObserver
{
    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        LogGatewaysChanged(previousNumberOfGateways, currentNumberOfGateways);
        signal.Raise($"silo connections {previousNumberOfGateways} -> {currentNumberOfGateways}");
    }

    public void NotifyClusterConnectionLost()
    {
        LogConnectionLost();
        signal.Raise("cluster connection lost");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo connections changed from {Previous} to {Current}; open boards are read again")]
    private partial void LogGatewaysChanged(int previous, int current);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection to the cluster lost; open boards are read again once a silo answers")]
    private partial void LogConnectionLost();
}
