using StoreSales.Abstractions.Opportunities;

namespace StoreSales.Silo.Hosting;

/// <summary>
/// Once the silo runs, wakes the grains of the demo opportunities just seeded: each reads its facts, judges its age (the
/// stalled ones raise <c>opportunity-stalled</c>) and registers its ageing reminder, which then keeps it judged across restarts.
/// </summary>
internal sealed partial class DemoOpportunityWake(IGrainFactory grains, IHostApplicationLifetime lifetime, IReadOnlyList<string> opportunityIds, ILogger<DemoOpportunityWake> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (opportunityIds.Count > 0)
        {
            lifetime.ApplicationStarted.Register(() => _ = Wake());
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task Wake()
    {
        foreach (var id in opportunityIds)
        {
            try
            {
                await grains.GetGrain<IOpportunityGrain>(id).Changed();
            }
            catch (Exception exception)
            {
                LogNotWoken(exception, id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo opportunity {OpportunityId} not woken; it ages once someone opens it")]
    private partial void LogNotWoken(Exception exception, string opportunityId);
}
