using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using StoreSales.Abstractions.ContractToCash;
using StoreSales.Abstractions.Interventions;
using StoreSales.Abstractions.Live;
using StoreSales.Abstractions.Regions;
using StoreSales.Abstractions.Stores;

namespace StoreSales.Grains.Live;

/// <summary>
/// One per silo: collects live updates, keeps only the newest per store and region, and sends them as one
/// batch to every listening host at once, with at most one batch in flight. A batch a host did not take (its connection to
/// this silo changing during a failover) is kept for that host and sent again, merged with what came since
/// (<see cref="LiveUpdateMerge"/>), with its next batch or after <see cref="RetryAfter"/>, for as long as the host is
/// subscribed: a board is not left on a lost update until its store's next sale.
/// </summary>
[StatelessWorker(1)]
[Reentrant]
public sealed partial class LiveUpdateNotifierGrain : Grain, ILiveUpdateNotifierGrain
{
    // A host that just subscribed should not wait long for its first update; an empty list is re-read sooner.
    private static readonly TimeSpan ObserverListLifetime = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan EmptyObserverListLifetime = TimeSpan.FromMilliseconds(500);

    // Soon after a failed send, a host's connection has usually moved to another silo.
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, StoreProgress> _stores = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RegionProgress> _regions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Intervention> _interventions = new(StringComparer.Ordinal);
    private readonly HashSet<RepBoardChange> _reps = [];
    private readonly HashSet<PoolChange> _pool = [];
    private readonly HashSet<OpportunityChange> _opportunities = [];
    private readonly Dictionary<string, CustomerMatchStatus> _matches = new(StringComparer.Ordinal);
    // A list: a change names its successors in an array, which a set would not compare by content; hand-overs change seldom.
    private readonly List<HandOverListChange> _handOvers = [];
    // Keyed by the scan's identity: a store grain publishing a scan again sends it once.
    private readonly Dictionary<(string StoreId, string TerminalId, long Sequence), HeatmapScan> _scans = [];
    private readonly TimeProvider _clock;
    private readonly ILogger<LiveUpdateNotifierGrain> _logger;

    private ImmutableArray<ILiveBoardObserver> _observers = [];
    private DateTimeOffset _observersFetched = DateTimeOffset.MinValue;
    private Task _flush = Task.CompletedTask;

    // Per host, what it did not take yet; sent ahead of (merged into) its next batch.
    private readonly Dictionary<ILiveBoardObserver, LiveUpdateBatch> _undelivered = [];
    private IGrainTimer? _retryTimer;
    private bool _retryDue;

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

    Task ILiveUpdateNotifierGrain.PublishRepChange(RepBoardChange change)
    {
        // A set: ten interactions of one rep in a burst are one change to re-read.
        _reps.Add(change);
        EnsureFlush();
        return Task.CompletedTask;
    }

    Task ILiveUpdateNotifierGrain.PublishPoolChange(PoolChange change)
    {
        _pool.Add(change);
        EnsureFlush();
        return Task.CompletedTask;
    }

    Task ILiveUpdateNotifierGrain.PublishOpportunityChange(OpportunityChange change)
    {
        _opportunities.Add(change);
        EnsureFlush();
        return Task.CompletedTask;
    }

    Task ILiveUpdateNotifierGrain.PublishMatchStatus(CustomerMatchStatus status)
    {
        // Newest per customer: ten documents of one import are one status to show.
        if (!_matches.TryGetValue(status.CustomerId, out var queued) || queued.CheckedAt <= status.CheckedAt)
        {
            _matches[status.CustomerId] = status;
        }

        EnsureFlush();
        return Task.CompletedTask;
    }

    Task ILiveUpdateNotifierGrain.HostsChanged()
    {
        _observersFetched = DateTimeOffset.MinValue;
        return Task.CompletedTask;
    }

    Task ILiveUpdateNotifierGrain.PublishScans(ImmutableArray<HeatmapScan> scans)
    {
        foreach (var scan in scans)
        {
            _scans[(scan.StoreId, scan.TerminalId, scan.Sequence)] = scan;
        }

        EnsureFlush();
        return Task.CompletedTask;
    }

    Task ILiveUpdateNotifierGrain.PublishHandOverChange(HandOverListChange change)
    {
        _handOvers.Add(change);
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
        while (_stores.Count > 0 || _regions.Count > 0 || _interventions.Count > 0 || _reps.Count > 0 || _pool.Count > 0 || _handOvers.Count > 0 || _opportunities.Count > 0 || _matches.Count > 0 || _scans.Count > 0 || _retryDue)
        {
            _retryDue = false;
            var batch = new LiveUpdateBatch([.. _stores.Values], [.. _regions.Values], [.. _interventions.Values], [.. _reps], [.. _pool], [.. _handOvers]) { Opportunities = [.. _opportunities], Matches = [.. _matches.Values], Scans = [.. _scans.Values] };
            _scans.Clear();
            _opportunities.Clear();
            _matches.Clear();
            _stores.Clear();
            _regions.Clear();
            _interventions.Clear();
            _reps.Clear();
            _pool.Clear();
            _handOvers.Clear();
            ImmutableArray<ILiveBoardObserver> observers;
            try
            {
                observers = await Observers();
            }
            catch (Exception exception)
            {
                // Live updates are best effort: boards reconcile on their next snapshot.
                LogObserversNotRead(exception);
                if (_undelivered.Count > 0)
                {
                    ScheduleRetry();
                }

                continue;
            }

            // A host no longer subscribed (it expired or went away) gets nothing kept for it.
            foreach (var gone in _undelivered.Keys.Where(o => !observers.Contains(o)).ToList())
            {
                _undelivered.Remove(gone);
            }

            // Every host at once, each on its own: a host that is slow or gone delays and fails only its own send.
            await Task.WhenAll(observers.Select(observer => Send(observer, batch)));
        }
    }

    private async Task Send(ILiveBoardObserver observer, LiveUpdateBatch batch)
    {
        if (_undelivered.Remove(observer, out var earlier))
        {
            batch = LiveUpdateMerge.Of(earlier, batch);
        }

        if (LiveUpdateMerge.IsEmpty(batch))
        {
            return;
        }

        try
        {
            await observer.OnUpdates(batch);
        }
        catch (Exception exception)
        {
            // Kept for this host and sent again (the others already have it); newer updates that come meanwhile join it.
            _undelivered[observer] = _undelivered.Remove(observer, out var later) ? LiveUpdateMerge.Of(batch, later) : batch;
            LogSendFailed(exception, observer.GetGrainId());
            ScheduleRetry();
        }
    }

    private void ScheduleRetry()
    {
        if (_retryTimer is not null)
        {
            return;
        }

        _retryTimer = this.RegisterGrainTimer(
            () =>
            {
                _retryTimer?.Dispose();
                _retryTimer = null;
                _retryDue = _undelivered.Count > 0;
                EnsureFlush();
                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(RetryAfter, Timeout.InfiniteTimeSpan) { Interleave = true });
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending live updates to board host {Observer} failed; kept for it and sent again")]
    private partial void LogSendFailed(Exception exception, GrainId observer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The board hosts listening for live updates could not be read")]
    private partial void LogObserversNotRead(Exception exception);
}
