using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Targets;
using StoreSales.Grains.Targets;

namespace StoreSales.Silo.Targets;

/// <summary>
/// Registers the attribution report's reminder once the silo is up (registered after Orleans, so it starts after it).
/// The reminder is persisted: this only makes sure a new cluster has it, and reports a month missed while the silo was
/// down without waiting for the first tick.
/// </summary>
internal sealed partial class AttributionReportStart(IGrainFactory grains, IOptions<AttributionRunOptions> options, ILogger<AttributionReportStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            LogDisabled();
            return;
        }

        try
        {
            await grains.GetGrain<IAttributionReportGrain>(0).Start().WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not fatal for ingest: the reminder, if it was ever registered, still fires. Said loudly all the same.
            LogStartFailed(ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The attribution report is disabled on this silo (Targets:AttributionRun:Enabled = false)")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Error, Message = "Attribution report: registering the reminder failed")]
    private partial void LogStartFailed(Exception exception);
}
