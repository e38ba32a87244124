using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Chain;
using StoreSales.Abstractions.Live;
using StoreSales.Abstractions.Regions;
using StoreSales.Abstractions.Stores;
using StoreSales.Domain.Targets;

namespace StoreSales.Grains.Regions;

/// <summary>
/// A region's live view: the latest summary of each of its stores and their totals. Holds no persisted state of its
/// own. On activation it only lists its stores and answers at once with what it has; it warms up in the background,
/// asking <see cref="LiveOptions.RegionWarmUpConcurrency"/> stores at a time, while the stores also report on their own.
/// A region of thousands of stores thus never wakes them all at once, which stalled live sales behind their rebuilds.
/// </summary>
public sealed partial class RegionGrain : Grain, IRegionGrain
{
    private readonly IChainDirectory _directory;
    private readonly TimeProvider _clock;
    private readonly LiveOptions _live;
    private readonly TargetStatusOptions _statusOptions;
    private readonly ILogger<RegionGrain> _logger;
    private readonly Dictionary<string, StoreSummary> _stores = new(StringComparer.Ordinal);
    private readonly HashSet<string> _storeIds = new(StringComparer.Ordinal);

    private RegionProfile? _profile;
    private TargetStatus? _dayStatus;
    private TargetStatus? _monthStatus;
    private IGrainTimer? _publishTimer;
    private DateTimeOffset _lastPublished = DateTimeOffset.MinValue;

    public RegionGrain(IChainDirectory directory, TimeProvider clock, IOptions<LiveOptions> live, IOptions<TargetStatusOptions> statusOptions, ILogger<RegionGrain> logger)
    {
        _directory = directory;
        _clock = clock;
        _live = live.Value;
        _statusOptions = statusOptions.Value;
        _logger = logger;
    }

    private string RegionId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _profile = await _directory.FindRegion(RegionId, cancellationToken);
        foreach (var store in await _directory.ListStores(RegionId, cancellationToken))
        {
            _storeIds.Add(store.StoreId);
        }

        // Interleaved: the region keeps answering and taking reports while the warm-up waits for its stores.
        this.RegisterGrainTimer(WarmUp, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = true });
    }

    Task IRegionGrain.ReportStore(StoreSummary summary)
    {
        Keep(summary);
        return Task.CompletedTask;
    }

    Task<RegionProgress> IRegionGrain.GetProgress() => Task.FromResult(Build());

    /// <summary>Asks the stores not heard from yet for their figures, a few at a time.</summary>
    private async Task WarmUp(CancellationToken cancellationToken)
    {
        // A one-shot timer, not disposed here: disposing it would cancel this very callback's token.
        var waiting = new Queue<string>(_storeIds.Order(StringComparer.Ordinal));
        var workers = Math.Max(1, _live.RegionWarmUpConcurrency);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => AskNext()));
        LogWarmedUp(RegionId, _stores.Count, _storeIds.Count);

        async Task AskNext()
        {
            // One turn scheduler per activation: the queue is never touched by two workers at once.
            while (!cancellationToken.IsCancellationRequested && waiting.TryDequeue(out var storeId))
            {
                if (_stores.ContainsKey(storeId))
                {
                    continue;
                }

                try
                {
                    Keep(StoreSummary.Of(await GrainFactory.GetGrain<IStoreGrain>(storeId).GetProgress()));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The store reports on its own once it is active; the region shows it as soon as it does.
                    LogStoreNotRead(ex, RegionId, storeId);
                }
            }
        }
    }

    private void Keep(StoreSummary summary)
    {
        if (_stores.TryGetValue(summary.StoreId, out var known) && known.Version > summary.Version && known.UpdatedAt > summary.UpdatedAt)
        {
            return;
        }

        _stores[summary.StoreId] = summary;
        _storeIds.Add(summary.StoreId);
        if (_publishTimer is null)
        {
            var wait = _lastPublished + _live.PublishInterval - _clock.GetUtcNow();
            _publishTimer = this.RegisterGrainTimer(Publish, new GrainTimerCreationOptions(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = false });
        }
    }

    private async Task Publish(CancellationToken cancellationToken)
    {
        _publishTimer?.Dispose();
        _publishTimer = null;
        _lastPublished = _clock.GetUtcNow();
        await GrainFactory.GetGrain<ILiveUpdateNotifierGrain>(0).PublishRegion(Build());
    }

    private RegionProgress Build()
    {
        var stores = _stores.Values.OrderBy(s => s.StoreId, StringComparer.Ordinal).ToImmutableArray();
        var day = Sum(stores.Select(s => (s.DayActual, s.DayTarget, s.DayExpected, s.DaySales)), ref _dayStatus);
        var month = Sum(stores.Select(s => (s.MonthActual, s.MonthTarget, s.MonthExpected, s.MonthSales)), ref _monthStatus);
        var updated = stores.Length == 0 ? _clock.GetUtcNow() : stores.Max(s => s.UpdatedAt);
        return new RegionProgress(RegionId, _profile?.Name ?? RegionId, day, month, stores, updated, stores.Length, _storeIds.Count);
    }

    private PeriodProgress Sum(IEnumerable<(decimal Actual, decimal Target, decimal Expected, int Sales)> periods, ref TargetStatus? previous)
    {
        decimal actual = 0, target = 0, expected = 0;
        var count = 0;
        foreach (var period in periods)
        {
            actual += period.Actual;
            target += period.Target;
            expected += period.Expected;
            count += period.Sales;
        }

        var status = TargetStatusRule.Evaluate(actual, expected, target, previous, _statusOptions);
        previous = status.Band == TargetBand.Pending ? null : status;
        return new PeriodProgress(actual, target, expected, status.Deviation, status.Band, status.Direction, count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Region {RegionId} warmed up: {Known} of {Total} stores known")]
    private partial void LogWarmedUp(string regionId, int known, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Region {RegionId}: store {StoreId} could not be read while warming up; it shows once it reports")]
    private partial void LogStoreNotRead(Exception exception, string regionId, string storeId);
}
