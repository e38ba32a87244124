using StoreSales.Abstractions.Live;

namespace StoreSales.CommandCenter.Live;

/// <summary>
/// Tells the cluster that a rep's board changed, so that every command-center host (not only this one) refreshes the
/// pages watching that rep: through the silos' live-update notifier to each host's <see cref="LiveBoardFeed"/>. One-way
/// and best effort: the request that changed the data never waits for boards, and a board missing a notice is
/// corrected by its next read.
/// </summary>
public sealed partial class RepBoardNotices(IClusterClient cluster, ILogger<RepBoardNotices> logger)
{
    public void LeadAssigned(string repId) => Publish(new RepBoardChange(repId, RepBoardChangeKind.LeadAssigned));

    public void InteractionRecorded(string repId) => Publish(new RepBoardChange(repId, RepBoardChangeKind.InteractionRecorded));

    private void Publish(RepBoardChange change) =>
        ClusterNotice.Send(
            () => cluster.GetGrain<ILiveUpdateNotifierGrain>(0).PublishRepChange(change),
            exception => LogNotSent(exception, change.RepId, change.What));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rep {RepId}: board change {What} not sent; open boards show it at their next read")]
    private partial void LogNotSent(Exception exception, string repId, RepBoardChangeKind what);
}
