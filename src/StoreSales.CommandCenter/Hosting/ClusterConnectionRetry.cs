namespace StoreSales.CommandCenter.Hosting;

/// <summary>
/// The command center may start before the silo (or outlive it): it keeps trying to reach the cluster rather
/// than failing its start.
/// </summary>
public sealed partial class ClusterConnectionRetry(ILogger<ClusterConnectionRetry> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        LogRetry(exception.Message);
        await Task.Delay(Delay, cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster not reachable yet ({Reason}); retrying")]
    private partial void LogRetry(string reason);
}
