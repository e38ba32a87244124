using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Grading;
using StoreSales.Grains.Grading;

namespace StoreSales.Silo.Grading;

/// <summary>
/// Registers the nightly grading's reminder once the silo is up (registered after Orleans, so it starts after it). The
/// reminder is persisted: this only makes sure a new cluster has it, and starts a run missed while the silo was down
/// without waiting for the first tick.
/// </summary>
internal sealed partial class NightlyGradingStart(IGrainFactory grains, IOptions<NightlyGradingOptions> options, ILogger<NightlyGradingStart> logger) : IHostedService
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
            await grains.GetGrain<INightlyGradingGrain>(0).Start().WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not fatal for ingest: the reminder, if it was ever registered, still fires. Said loudly all the same.
            LogStartFailed(ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Nightly grading is disabled on this silo (SalesForce:GradingRun:Enabled = false)")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Error, Message = "Nightly grading: registering the reminder failed")]
    private partial void LogStartFailed(Exception exception);
}
