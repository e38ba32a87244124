using StoreSales.Abstractions.Customers;

namespace StoreSales.Silo.Hosting;

/// <summary>
/// Makes sure the cluster's dormancy sweep has its reminder once the silo runs (idempotent: every silo asks, the one
/// grain registers it once, and the reminder table keeps it across restarts). A failure is logged and tried again.
/// </summary>
public sealed partial class DormancySweepStart(IGrainFactory grains, ILogger<DormancySweepStart> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await grains.GetGrain<IDormancySweepGrain>(0).Start();
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(exception);
            }

            try
            {
                await Task.Delay(RetryAfter, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The dormancy sweep's reminder could not be started; trying again shortly")]
    private partial void LogFailed(Exception exception);
}
