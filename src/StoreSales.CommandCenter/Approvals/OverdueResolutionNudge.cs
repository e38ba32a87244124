using StoreSales.Abstractions.Approvals;
using StoreSales.CommandCenter.Live;
using StoreSales.Data.Approvals;
using StoreSales.Domain.Approvals;

namespace StoreSales.CommandCenter.Approvals;

/// <summary>
/// When this host hears that a request was decided or withdrawn (its <c>approval_changed</c> notice), it asks the cluster's
/// overdue check to run now, so an <c>approval-overdue</c> alert of that request resolves within moments instead of at the
/// next <c>Approvals:OverdueCheckEvery</c> tick. Best effort: the tick resolves it anyway; the check is idempotent, so
/// several hosts asking at once do no harm.
/// </summary>
public sealed partial class OverdueResolutionNudge(ApprovalChangeListener changes, IClusterClient cluster, ILogger<OverdueResolutionNudge> logger) : IHostedService
{
    private IDisposable? _watch;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _watch = changes.Watch(change =>
        {
            if (!change.IsResync && change.Status != ApprovalBook.StatusCode(ApprovalStatus.Pending))
            {
                _ = Nudge(change.ApprovalId);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _watch?.Dispose();
        return Task.CompletedTask;
    }

    private async Task Nudge(long approvalId)
    {
        try
        {
            await cluster.GetGrain<IApprovalOverdueGrain>(0).Check();
        }
        catch (Exception exception)
        {
            LogNotNudged(exception, approvalId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Approval {ApprovalId} settled, but the overdue check could not be asked to run now; its next tick resolves the alert")]
    private partial void LogNotNudged(Exception exception, long approvalId);
}
