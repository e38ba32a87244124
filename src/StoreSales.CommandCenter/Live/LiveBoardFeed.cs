using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.ContractToCash;
using StoreSales.Abstractions.Interventions;
using StoreSales.Abstractions.Live;
using StoreSales.Abstractions.Regions;
using StoreSales.Abstractions.Stores;

namespace StoreSales.CommandCenter.Live;

/// <summary>
/// This host's one subscription to the silos' live updates. Each update goes to the SignalR group of its store
/// or region and to the pages of this host that watch it. The subscription is renewed periodically, because
/// grain observers do not survive a silo restart, and at once when <see cref="BoardResync"/> asks (a silo connection was
/// lost or gained). A store's progress goes out only if it is not older than what this host last sent for the store
/// (<see cref="StoreProgress.Version"/>), so a snapshot read again after a failover and a live update crossing it never
/// move a board back.
/// </summary>
public sealed partial class LiveBoardFeed(
    IClusterClient cluster,
    IHubContext<LiveHub> hub,
    IOptions<BoardOptions> options,
    ILogger<LiveBoardFeed> logger) : BackgroundService, ILiveBoardObserver
{
    private readonly ConcurrentDictionary<string, Subscribers<StoreProgress>> _stores = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Subscribers<RegionProgress>> _regions = new(StringComparer.Ordinal);
    private readonly Subscribers<RegionProgress> _allRegions = new();
    private readonly ConcurrentDictionary<string, Subscribers<Intervention>> _interventions = new(StringComparer.Ordinal);
    private readonly Subscribers<Intervention> _allInterventions = new();
    private readonly ConcurrentDictionary<string, Subscribers<RepBoardChange>> _reps = new(StringComparer.Ordinal);
    private readonly Subscribers<PoolChange> _pool = new();
    private readonly Subscribers<HandOverListChange> _handOvers = new();
    private readonly Subscribers<OpportunityChange> _opportunities = new();
    private readonly Subscribers<CustomerMatchStatus> _matches = new();
    private readonly Subscribers<IReadOnlyList<HeatmapScan>> _scans = new();

    // Stores some board of this host has opened (a page or a hub client): the ones read again after a failover.
    private readonly ConcurrentDictionary<string, byte> _followed = new(StringComparer.Ordinal);

    // The newest progress sent per store (version, figures' time), so that nothing older goes out after it.
    private readonly ConcurrentDictionary<string, (long Version, DateTimeOffset UpdatedAt)> _sent = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _renewNow = new(0, 1);

    /// <summary>Calls <paramref name="onUpdate"/> with every update of the store until disposed.</summary>
    public IDisposable WatchStore(string storeId, Action<StoreProgress> onUpdate)
    {
        Follow(storeId);
        return _stores.GetOrAdd(storeId, _ => new Subscribers<StoreProgress>()).Add(onUpdate);
    }

    /// <summary>A board of this host opened the store: after a failover it is read again (<see cref="BoardResync"/>).</summary>
    public void Follow(string storeId) => _followed.TryAdd(storeId, 0);

    /// <summary>The stores boards of this host have opened since it started.</summary>
    public IReadOnlyCollection<string> FollowedStores => [.. _followed.Keys];

    /// <summary>Renews the subscription now instead of at the next interval (the silo holding the directory may be gone).</summary>
    public void RenewNow()
    {
        try
        {
            _renewNow.Release();
        }
        catch (SemaphoreFullException)
        {
            // A renewal is already due.
        }
    }

    /// <summary>
    /// Sends the store's progress to its SignalR group and this host's pages, unless a newer one was already sent: a lower
    /// version whose figures are not newer either is a stale read. Returns whether it went out.
    /// </summary>
    public async Task<bool> Deliver(StoreProgress store)
    {
        if (!TakeNewest(store))
        {
            return false;
        }

        if (_stores.TryGetValue(store.StoreId, out var watchers))
        {
            watchers.Notify(store);
        }

        await hub.Clients.Group(LiveGroups.Store(store.StoreId)).SendAsync(LiveGroups.ProgressUpdated, store);
        return true;
    }

    private bool TakeNewest(StoreProgress store)
    {
        var mark = (store.Version, store.UpdatedAt);
        while (true)
        {
            if (!_sent.TryGetValue(store.StoreId, out var sent))
            {
                if (_sent.TryAdd(store.StoreId, mark))
                {
                    return true;
                }

                continue;
            }

            // An equal version still goes out (devices and hot items change without a sale); a lower one only when its
            // figures are newer (the store's live state was reset), never a late copy of what was already shown.
            if (store.Version < sent.Version && store.UpdatedAt <= sent.UpdatedAt)
            {
                return false;
            }

            if (_sent.TryUpdate(store.StoreId, mark, sent))
            {
                return true;
            }
        }
    }

    public IDisposable WatchRegion(string regionId, Action<RegionProgress> onUpdate) =>
        _regions.GetOrAdd(regionId, _ => new Subscribers<RegionProgress>()).Add(onUpdate);

    public IDisposable WatchAllRegions(Action<RegionProgress> onUpdate) => _allRegions.Add(onUpdate);

    /// <summary>Calls <paramref name="onChange"/> with every alert raised or moved in the region until disposed.</summary>
    public IDisposable WatchInterventions(string regionId, Action<Intervention> onChange) =>
        _interventions.GetOrAdd(regionId, _ => new Subscribers<Intervention>()).Add(onChange);

    /// <summary>
    /// Calls <paramref name="onChange"/> with every alert raised or moved, in any region or none, until disposed: the inbox
    /// page keeps those its viewer's <c>InboxScope</c> covers (a finance or rep alert may name no region).
    /// </summary>
    public IDisposable WatchAllInterventions(Action<Intervention> onChange) => _allInterventions.Add(onChange);

    /// <summary>Calls <paramref name="onChange"/> whenever the rep's board changed (lead, interaction, figures) until disposed.</summary>
    public IDisposable WatchRep(string repId, Action<RepBoardChange> onChange) =>
        _reps.GetOrAdd(repId, _ => new Subscribers<RepBoardChange>()).Add(onChange);

    /// <summary>
    /// Calls <paramref name="onChange"/> with every customer entering or leaving the pool, in any scope, until disposed:
    /// the page keeps those its viewer may see (<c>CustomerAccessRule.SeesPoolEntry</c>).
    /// </summary>
    public IDisposable WatchPool(Action<PoolChange> onChange) => _pool.Add(onChange);

    /// <summary>
    /// Calls <paramref name="onChange"/> with every change of any departure's hand-overs until disposed: the page keeps
    /// those its viewer may see (<c>HandOverAccessRule.CanSee</c>).
    /// </summary>
    public IDisposable WatchHandOvers(Action<HandOverListChange> onChange) => _handOvers.Add(onChange);

    /// <summary>
    /// Calls <paramref name="onChange"/> with every opportunity that changed, in any scope, until disposed: the page keeps
    /// those its viewer may see (its rep's or team's pipeline, the opportunity it shows).
    /// </summary>
    public IDisposable WatchOpportunities(Action<OpportunityChange> onChange) => _opportunities.Add(onChange);

    /// <summary>
    /// Calls <paramref name="onChange"/> with every customer's new three-way match status, in any scope, until disposed:
    /// the page re-reads in its viewer's scope.
    /// </summary>
    public IDisposable WatchMatches(Action<CustomerMatchStatus> onChange) => _matches.Add(onChange);

    /// <summary>
    /// Calls <paramref name="onScans"/> with the scans that moved any store's hot items, in any region, until disposed: the
    /// HQ page adds those of its stores to its heatmap's last read.
    /// </summary>
    public IDisposable WatchHeatmapScans(Action<IReadOnlyList<HeatmapScan>> onScans) => _scans.Add(onScans);

    async Task ILiveBoardObserver.OnUpdates(LiveUpdateBatch batch)
    {
        // First: a heatmap cell is promised within a second of its scan (docs/benchmarks.md "Scan stream").
        if (!batch.Scans.IsEmpty)
        {
            _scans.Notify(batch.Scans);
            foreach (var region in batch.Scans.GroupBy(s => s.RegionId, StringComparer.Ordinal))
            {
                await hub.Clients.Group(LiveGroups.Heatmap(region.Key)).SendAsync(LiveGroups.HeatmapScanned, region.ToList());
            }
        }

        foreach (var status in batch.Matches)
        {
            _matches.Notify(status);
            await hub.Clients.Group(LiveGroups.Match(status.CustomerId)).SendAsync(LiveGroups.MatchStatusChanged, status);
        }

        foreach (var change in batch.Opportunities)
        {
            _opportunities.Notify(change);
        }

        foreach (var store in batch.Stores)
        {
            await Deliver(store);
        }

        foreach (var region in batch.Regions)
        {
            if (_regions.TryGetValue(region.RegionId, out var watchers))
            {
                watchers.Notify(region);
            }

            _allRegions.Notify(region);
            await hub.Clients.Group(LiveGroups.Region(region.RegionId)).SendAsync(LiveGroups.RegionUpdated, region);
        }

        foreach (var alert in batch.Interventions)
        {
            _allInterventions.Notify(alert);
            // Whom it was escalated away from keeps hearing of it (InboxScope.HoldingOf): it stays in their inbox, marked.
            var groups = (alert.AssignedBefore.IsDefault ? [] : alert.AssignedBefore).Prepend(alert.Assignee).Distinct(StringComparer.Ordinal).Select(LiveGroups.InterventionsFor).ToList();
            await hub.Clients.Groups(groups).SendAsync(LiveGroups.InterventionChanged, alert);
            if (alert.Subject.RegionId is { } regionId)
            {
                if (_interventions.TryGetValue(regionId, out var watchers))
                {
                    watchers.Notify(alert);
                }

                await hub.Clients.Group(LiveGroups.Interventions(regionId)).SendAsync(LiveGroups.InterventionChanged, alert);
            }
        }

        foreach (var rep in batch.Reps)
        {
            if (_reps.TryGetValue(rep.RepId, out var watchers))
            {
                watchers.Notify(rep);
            }

            await hub.Clients.Group(LiveGroups.Rep(rep.RepId)).SendAsync(LiveGroups.RepBoardChanged, rep);
        }

        foreach (var change in batch.Pool)
        {
            _pool.Notify(change);
            await hub.Clients.Groups(SalesForceGroups.Of(change)).SendAsync(SalesForceGroups.PoolChanged, change);
        }

        foreach (var change in batch.HandOvers)
        {
            _handOvers.Notify(change);
            await hub.Clients.Groups(SalesForceGroups.Of(change)).SendAsync(SalesForceGroups.HandOverChanged, change);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reference = cluster.CreateObjectReference<ILiveBoardObserver>(this);
        var directory = cluster.GetGrain<ILiveBoardDirectoryGrain>(0);
        try
        {
            do
            {
                try
                {
                    await directory.Subscribe(reference);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogSubscribeFailed(exception);
                }
            }
            while (await NextRenewal(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            try
            {
                await directory.Unsubscribe(reference).WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
            }
            catch (Exception)
            {
                // The silo may already be gone; the subscription then expires by itself.
            }

            cluster.DeleteObjectReference<ILiveBoardObserver>(reference);
        }
    }

    /// <summary>Waits for the renewal interval, or less when <see cref="RenewNow"/> is called meanwhile.</summary>
    private async Task<bool> NextRenewal(CancellationToken stoppingToken)
    {
        await _renewNow.WaitAsync(options.Value.ResubscribeInterval, stoppingToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to live updates; retrying at the next interval")]
    private partial void LogSubscribeFailed(Exception exception);

    private sealed class Subscribers<T>
    {
        private readonly Lock _gate = new();
        private Action<T>[] _callbacks = [];

        public Subscription Add(Action<T> callback)
        {
            lock (_gate)
            {
                _callbacks = [.. _callbacks, callback];
            }

            return new Subscription(() =>
            {
                lock (_gate)
                {
                    _callbacks = _callbacks.Where(c => c != callback).ToArray();
                }
            });
        }

        public void Notify(T value)
        {
            foreach (var callback in Volatile.Read(ref _callbacks))
            {
                callback(value);
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
