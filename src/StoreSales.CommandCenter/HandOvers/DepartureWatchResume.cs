using StoreSales.Abstractions.Reps;
using StoreSales.Data.HandOvers;

namespace StoreSales.CommandCenter.HandOvers;

/// <summary>
/// At start, asks the departure grain of every departure still under way to watch it (idempotent): a watch whose start
/// failed after its departure was committed (<see cref="HandOverDesk"/>) is not left without its overdue alert. Runs in
/// the background: a cluster not reachable yet delays it, not the command center.
/// </summary>
public sealed partial class DepartureWatchResume(RepDepartures departures, IGrainFactory grains, ILogger<DepartureWatchResume> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var repId in await departures.Departing(stoppingToken))
            {
                await grains.GetGrain<IDepartureGrain>(repId).Watch();
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogResumeFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Departure watches not resumed at start; departures started while the cluster was unreachable may miss their overdue alert until the next start")]
    private partial void LogResumeFailed(Exception exception);
}
