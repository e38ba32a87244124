using StoreSales.Abstractions.Live;
using StoreSales.Data.Pool;

namespace StoreSales.CommandCenter.Live;

/// <summary>
/// Passes every customer entering or leaving the public pool (<see cref="IPoolNotices"/>, told by the release, claims and
/// lead assignments after their commit) to the cluster, so that the pool pages of every command-center host in the
/// change's scope re-read their list. One-way and best effort, like <see cref="RepBoardNotices"/>.
/// </summary>
public sealed partial class PoolNotices(IClusterClient cluster, ILogger<PoolNotices> logger) : IPoolNotices
{
    public void Changed(IReadOnlyList<PoolChange> changes)
    {
        foreach (var change in changes)
        {
            ClusterNotice.Send(
                () => cluster.GetGrain<ILiveUpdateNotifierGrain>(0).PublishPoolChange(change),
                exception => LogNotSent(exception, change.CustomerId, change.What));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId}: pool change {What} not sent; open pool pages show it at their next read")]
    private partial void LogNotSent(Exception exception, string customerId, PoolChangeKind what);
}
