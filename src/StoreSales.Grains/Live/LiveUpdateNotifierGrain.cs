using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using StoreSales.Abstractions.Interventions;
using StoreSales.Abstractions.Live;
using StoreSales.Abstractions.Regions;
using StoreSales.Abstractions.Stores;

namespace StoreSales.Grains.Live;

/// <summary>
/// One per silo: collects live updates, keeps only the newest per store and region, and sends them as one
/// batch to every listening host with at most one send in flight.
/// </summary>
[StatelessWorker(1)]
[Reentrant]
public sealed partial class LiveUpdateNotifierGrain : Grain, ILiveUpdateNotifierGrain
{
    // A host that just subscribed should not wait long for its first update; an empty list is re-read sooner.
    private static readonly TimeSpan ObserverListLifetime = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan EmptyObserverListLifetime = TimeSpan.FromMilliseconds(500);

    private readonly Dictionary<string, StoreProgress> _stores = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RegionProgress> _regions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Intervention> _interventions = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly ILogger<LiveUpdateNotifierGrain> _logger;

    private ImmutableArray<ILiveBoardObserver> _observers = [];
    private DateTimeOffset _observersFetched = DateTimeOffset.MinValue;
    private Task _flush = Task.CompletedTask;

    public LiveUpdateNotifierGrain(TimeProvider clock, ILogger<LiveUpdateNotifierGrain> logger)
    {
        _clock = clock;
        _logger = logger;
    }

    Task ILiveUpdateNotifierGrain.PublishStore(StoreProgress progress)
    {
        if (!_stores.TryGetValue(progress.StoreId, out var queued) || queued.Version <= progress.Version)
        {
            _stores[progress.StoreId] = progress;
        }

        EnsureFlush();
        return Task.CompletedTask;
    }

    Task ILiveUpdateNotifierGrain.PublishRegion(RegionProgress progress)
    {
        _regions[progress.RegionId] = progress;
        EnsureFlush();
        return Task.CompletedTask;
    }

    Task ILiveUpdateNotifierGrain.PublishIntervention(Intervention intervention)
    {
        _interventions[intervention.AlertId] = intervention;
        EnsureFlush();
        return Task.CompletedTask;
    }

    private void EnsureFlush()
    {
        if (_flush.IsCompleted)
        {
            _flush = Flush();
        }
    }

    private async Task Flush()
    {
        // Yield once so that updates arriving in the same turn join this batch.
        await Task.Yield();
        while (_stores.Count > 0 || _regions.Count > 0 || _interventions.Count > 0)
        {
            var batch = new LiveUpdateBatch([.. _stores.Values], [.. _regions.Values], [.. _interventions.Values]);
            _stores.Clear();
            _regions.Clear();
            _interventions.Clear();
            try
            {
                foreach (var observer in await Observers())
                {
                    await observer.OnUpdates(batch);
                }
            }
            catch (Exception exception)
            {
                // Live updates are best effort: boards reconcile on their next snapshot.
                LogSendFailed(exception);
            }
        }
    }

    private async Task<ImmutableArray<ILiveBoardObserver>> Observers()
    {
        var now = _clock.GetUtcNow();
        if (now - _observersFetched > (_observers.IsEmpty ? EmptyObserverListLifetime : ObserverListLifetime))
        {
            _observers = await GrainFactory.GetGrain<ILiveBoardDirectoryGrain>(0).GetObservers();
            _observersFetched = now;
        }

        return _observers;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending live updates to a board host failed")]
    private partial void LogSendFailed(Exception exception);
}
