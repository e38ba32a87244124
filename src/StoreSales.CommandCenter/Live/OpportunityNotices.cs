using System.Diagnostics.Metrics;
using StoreSales.Abstractions.Live;
using StoreSales.Abstractions.Opportunities;
using StoreSales.CommandCenter.Api;
using StoreSales.Data.Opportunities;

namespace StoreSales.CommandCenter.Live;

/// <summary>
/// After an opportunity's change is committed: tells its grain (which re-reads and re-judges its age) and passes the
/// change to the cluster for the pipeline and opportunity pages of every host. Best effort and never failing the request:
/// a grain not told is counted (<c>storesales.opportunities.notifications.failed</c>) and heals at its next reminder tick;
/// a page missing a notice is corrected by its next read.
/// </summary>
public sealed partial class OpportunityNotices : IOpportunityNotices
{
    // A grain that does not answer soon is left to heal itself from the tables; the person's request does not wait for it.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);

    private readonly IClusterClient _cluster;
    private readonly ILogger<OpportunityNotices> _logger;
    private readonly Counter<long> _failed;

    public OpportunityNotices(IClusterClient cluster, IMeterFactory meterFactory, ILogger<OpportunityNotices> logger)
    {
        _cluster = cluster;
        _logger = logger;
        _failed = meterFactory.Create(OpportunityMetrics.MeterName)
            .CreateCounter<long>("storesales.opportunities.notifications.failed", description: "Opportunity grain notifications after a commit that failed or timed out (the grain heals from the tables)");
    }

    public async Task Changed(string opportunityId, string ownerRepId, string departmentId, CancellationToken cancellationToken)
    {
        try
        {
            await _cluster.GetGrain<IOpportunityGrain>(opportunityId).Changed().WaitAsync(Wait, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _failed.Add(1);
            LogGrainNotTold(exception, opportunityId);
        }

        var change = new OpportunityChange(opportunityId, ownerRepId, departmentId);
        ClusterNotice.Send(() => _cluster.GetGrain<ILiveUpdateNotifierGrain>(0).PublishOpportunityChange(change), exception => LogNotSent(exception, opportunityId));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Opportunity {OpportunityId}: the grain was not told of a change; it reads it from the tables at its next tick")]
    private partial void LogGrainNotTold(Exception exception, string opportunityId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Opportunity {OpportunityId}: change not sent to open pages; they show it at their next read")]
    private partial void LogNotSent(Exception exception, string opportunityId);
}
