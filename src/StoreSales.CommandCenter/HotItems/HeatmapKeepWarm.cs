using Microsoft.Extensions.Options;
using StoreSales.Data.HotItems;

namespace StoreSales.CommandCenter.HotItems;

/// <summary>
/// Refreshes the heatmaps HQ is looking at every <see cref="HotItemHeatmapOptions.CacheFor"/>, so that opening or
/// switching the HQ page is answered from memory instead of waiting a second or two for the ledger.
/// </summary>
public sealed class HeatmapKeepWarm(HotItemHeatmapCache heatmaps, IOptions<HotItemHeatmapOptions> options, TimeProvider clock)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CacheFor;
        if (interval <= TimeSpan.Zero || options.Value.KeepWarmFor <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // Waits for the reads: a tick that comes while they run would only find them running.
                await heatmaps.KeepWarm().WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
