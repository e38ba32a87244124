using StoreSales.Abstractions.Live;

namespace StoreSales.CommandCenter.Live;

/// <summary>
/// Tells the cluster that a departing rep's hand-overs changed, so that the worklists of every command-center host in
/// the change's scope (the rep's managers and region, each successor named before or after) re-read their list.
/// One-way and best effort, like <see cref="RepBoardNotices"/>.
/// </summary>
public sealed partial class HandOverNotices(IClusterClient cluster, ILogger<HandOverNotices> logger)
{
    public void Changed(HandOverListChange change) =>
        ClusterNotice.Send(
            () => cluster.GetGrain<ILiveUpdateNotifierGrain>(0).PublishHandOverChange(change),
            exception => LogNotSent(exception, change.DepartingRepId, change.What));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rep {RepId}: hand-over change {What} not sent; open worklists show it at their next read")]
    private partial void LogNotSent(Exception exception, string repId, HandOverListChangeKind what);
}
