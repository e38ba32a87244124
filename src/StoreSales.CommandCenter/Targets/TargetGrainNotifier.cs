using StoreSales.Abstractions.Reps;
using StoreSales.Abstractions.Stores;
using StoreSales.Data.Targets;
using StoreSales.Domain.Targets.Changes;

namespace StoreSales.CommandCenter.Targets;

/// <summary>
/// Re-paces the live grains after a target change is committed (docs/design.md "Live updates"): a store's or rep's grain
/// drops its cached month target and publishes at once, so an open board shows the new target within a second. After
/// the commit, never instead of it: a grain that fails or is slow is logged and counted
/// (<c>storesales.targets.repace.failed</c>) and never fails the request; it reads the target at its next refresh.
/// </summary>
public sealed partial class TargetGrainNotifier(IClusterClient cluster, TargetMetrics metrics, ILogger<TargetGrainNotifier> logger)
{
    // A grain that does not answer soon is left to its own refresh; the person's request does not wait for it.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);

    /// <summary>Tells each store and rep whose target changed; a region's target is shown on no live board.</summary>
    public async Task Repace(IEnumerable<TargetChanged> changes)
    {
        foreach (var change in changes)
        {
            try
            {
                var reload = change.Level switch
                {
                    TargetLevel.Store => cluster.GetGrain<IStoreGrain>(change.SubjectId).ReloadTarget(),
                    TargetLevel.Rep => cluster.GetGrain<IRepGrain>(change.SubjectId).ReloadTarget(),
                    _ => Task.CompletedTask,
                };
                await reload.WaitAsync(Wait);
            }
            catch (Exception exception)
            {
                metrics.RepaceFailed(TargetCodes.Of(change.Level));
                LogFailed(exception, TargetCodes.Of(change.Level), change.SubjectId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Target of {Level} {SubjectId} changed but its grain was not re-paced; it reads the target at its next refresh")]
    private partial void LogFailed(Exception exception, string level, string subjectId);
}
