using Microsoft.Extensions.Options;
using StoreSales.Data.Pool;

namespace StoreSales.CommandCenter.Pool;

/// <summary>
/// Runs <see cref="PoolRelease"/> at start and then every <see cref="PoolReleaseOptions.Interval"/>, by the injected
/// clock. Two command centers may both run it: the release is one statement that puts a customer in the pool once.
/// A failed run is logged and the next tick tries again; it never stops the host.
/// </summary>
public sealed partial class PoolReleaseSchedule(PoolRelease release, IOptions<PoolReleaseOptions> options, TimeProvider clock, ILogger<PoolReleaseSchedule> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        try
        {
            do
            {
                await RunOnce(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RunOnce(CancellationToken stoppingToken)
    {
        try
        {
            var released = await release.Run(clock.GetUtcNow(), stoppingToken);
            if (released.Count > 0)
            {
                LogReleased(released.Count);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Released {Count} dormant customers to the public pool")]
    private partial void LogReleased(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing dormant customers to the public pool failed; the next run tries again")]
    private partial void LogFailed(Exception exception);
}
