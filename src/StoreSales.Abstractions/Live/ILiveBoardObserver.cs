using Orleans.Concurrency;

namespace StoreSales.Abstractions.Live;

/// <summary>
/// Implemented once per command-center host: receives live updates and fans them out to SignalR groups and
/// open pages. Observers do not survive a silo restart, so hosts re-subscribe periodically.
/// </summary>
public interface ILiveBoardObserver : IGrainObserver
{
    [OneWay]
    Task OnUpdates(LiveUpdateBatch batch);
}
