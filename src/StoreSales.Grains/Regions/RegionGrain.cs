using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Chain;
using StoreSales.Abstractions.Live;
using StoreSales.Abstractions.Regions;
using StoreSales.Abstractions.Stores;
using StoreSales.Domain.Targets;

namespace StoreSales.Grains.Regions;

/// <summary>
/// A region's live view: the latest progress of each of its stores and their totals. Holds no persisted
/// state of its own: on activation it asks its stores, afterwards they report to it.
/// </summary>
public sealed class RegionGrain : Grain, IRegionGrain
{
    private readonly IChainDirectory _directory;
    private readonly TimeProvider _clock;
    private readonly LiveOptions _live;
    private readonly TargetStatusOptions _statusOptions;
    private readonly Dictionary<string, StoreProgress> _stores = new(StringComparer.Ordinal);

    private RegionProfile? _profile;
    private TargetStatus? _dayStatus;
    private TargetStatus? _monthStatus;
    private IGrainTimer? _publishTimer;
    private DateTimeOffset _lastPublished = DateTimeOffset.MinValue;

    public RegionGrain(IChainDirectory directory, TimeProvider clock, IOptions<LiveOptions> live, IOptions<TargetStatusOptions> statusOptions)
    {
        _directory = directory;
        _clock = clock;
        _live = live.Value;
        _statusOptions = statusOptions.Value;
    }

    private string RegionId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _profile = await _directory.FindRegion(RegionId, cancellationToken);
        var stores = await _directory.ListStores(RegionId, cancellationToken);
        var snapshots = await Task.WhenAll(stores.Select(s => GrainFactory.GetGrain<IStoreGrain>(s.StoreId).GetProgress()));
        foreach (var snapshot in snapshots)
        {
            _stores[snapshot.StoreId] = snapshot;
        }
    }

    Task IRegionGrain.ReportStore(StoreProgress progress)
    {
        if (_stores.TryGetValue(progress.StoreId, out var known) && known.Version > progress.Version && known.UpdatedAt > progress.UpdatedAt)
        {
            return Task.CompletedTask;
        }

        _stores[progress.StoreId] = progress;
        if (_publishTimer is null)
        {
            var wait = _lastPublished + _live.PublishInterval - _clock.GetUtcNow();
            _publishTimer = this.RegisterGrainTimer(Publish, new GrainTimerCreationOptions(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = false });
        }

        return Task.CompletedTask;
    }

    Task<RegionProgress> IRegionGrain.GetProgress() => Task.FromResult(Build());

    private async Task Publish(CancellationToken cancellationToken)
    {
        _publishTimer?.Dispose();
        _publishTimer = null;
        _lastPublished = _clock.GetUtcNow();
        await GrainFactory.GetGrain<ILiveUpdateNotifierGrain>(0).PublishRegion(Build());
    }

    private RegionProgress Build()
    {
        var stores = _stores.Values.OrderBy(s => s.StoreId, StringComparer.Ordinal).ToList();
        var day = Sum(stores.Select(s => s.Day), ref _dayStatus);
        var month = Sum(stores.Select(s => s.Month), ref _monthStatus);
        var summaries = stores
            .Select(s => new StoreSummary(s.StoreId, s.StoreName, s.Day.Actual, s.Day.Expected, s.Day.Status, s.Day.Direction, s.Month.Actual, s.Month.Status, s.UpdatedAt, s.Month.Direction))
            .ToImmutableArray();
        var updated = stores.Count == 0 ? _clock.GetUtcNow() : stores.Max(s => s.UpdatedAt);
        return new RegionProgress(RegionId, _profile?.Name ?? RegionId, day, month, summaries, updated);
    }

    private PeriodProgress Sum(IEnumerable<PeriodProgress> periods, ref TargetStatus? previous)
    {
        decimal actual = 0, target = 0, expected = 0;
        var count = 0;
        foreach (var period in periods)
        {
            actual += period.Actual;
            target += period.Target;
            expected += period.Expected;
            count += period.SalesCount;
        }

        var status = TargetStatusRule.Evaluate(actual, expected, target, previous, _statusOptions);
        previous = status.Band == TargetBand.Pending ? null : status;
        return new PeriodProgress(actual, target, expected, status.Deviation, status.Band, status.Direction, count);
    }
}
