using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Chain;
using StoreSales.Abstractions.Live;
using StoreSales.Abstractions.Reps;
using StoreSales.Abstractions.StoreEvents;
using StoreSales.Abstractions.Stores;
using StoreSales.Domain.Pacing;
using StoreSales.Domain.Targets;
using StoreSales.Grains.Sales;

namespace StoreSales.Grains.Reps;

/// <summary>
/// A sales rep's live figures: today's and this month's sales credited to the rep against the rep's monthly target,
/// paced by the rep's store (its opening hours and the hourly shape learned from its history) and judged
/// red/yellow/green by the store's rule under the rep's own settings (<see cref="StatusSection"/>). Hears of its sales
/// from the ingest API after the ledger commit, off the ack; counts them in memory (<see cref="RepCheckpoint"/>,
/// checkpointed by a timer, completed from the ledger on activation); judges its alerts (<see cref="RepAlerts"/>) in
/// its timers, never in the ingest call. The rules are in Domain; the grain keeps state and timers.
/// </summary>
public sealed partial class RepGrain : Grain, IRepGrain
{
    /// <summary>The configuration section of the reps' red/yellow/green thresholds (a <see cref="TargetStatusOptions"/>).</summary>
    public const string StatusSection = "SalesForce:Reps:Status";

    private readonly RepCheckpoint _figures;
    private readonly CheckpointSchedule<RepState> _checkpoints;
    private readonly IChainDirectory _directory;
    private readonly IStoreClosureReader _events;
    private readonly TimeProvider _clock;
    private readonly LiveOptions _live;
    private readonly TargetStatusOptions _statusOptions;
    private readonly ILogger<RepGrain> _logger;

    private RepAlerts _alerts = null!;
    private RepContext? _context;
    private DateTimeOffset _contextReadAt;
    private bool _restored;
    private IGrainTimer? _judgeTimer;

    public RepGrain(
        [PersistentState("rep", GrainStorageNames.Live)] IPersistentState<RepState> state,
        IChainDirectory directory,
        IRepLedgerReader ledger,
        IStoreClosureReader events,
        TimeProvider clock,
        IOptions<LiveOptions> live,
        IOptionsMonitor<TargetStatusOptions> statusOptions,
        ILogger<RepGrain> logger)
    {
        _directory = directory;
        _events = events;
        _clock = clock;
        _live = live.Value;
        _figures = new RepCheckpoint(state, ledger, _live, logger);
        _checkpoints = new CheckpointSchedule<RepState>(this, _figures, _live, ex => LogCheckpointFailed(ex, RepId), DeactivateOnIdle);
        _statusOptions = statusOptions.Get(StatusSection);
        _logger = logger;
    }

    private string RepId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _alerts = new RepAlerts(GrainFactory, RepId, _logger);
        await RefreshContext(cancellationToken);

        // Judged once soon after waking, on the figures the ledger gave it: a rep that wakes red behind says so then,
        // not at its first refresh. Reps wake with their sales, not all at once, so this spreads itself.
        ScheduleJudge();

        // A random first tick spreads the refreshes (and their alert raises) of reps woken together over the interval.
        var firstRefresh = TimeSpan.FromTicks(Random.Shared.NextInt64(Math.Max(1, _live.RefreshInterval.Ticks)));
        this.RegisterGrainTimer(Refresh, new GrainTimerCreationOptions(firstRefresh, _live.RefreshInterval) { Interleave = false });
        _checkpoints.Start();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _checkpoints.Deactivating(cancellationToken);

    Task<SalesApplied> IRepGrain.ApplySales(ImmutableArray<RepSale> sales)
    {
        if (_context is not { } context)
        {
            LogUnknownRepSales(RepId, sales.Length);
            return Task.FromResult(new SalesApplied(0, 0));
        }

        var now = _clock.GetUtcNow();
        var zone = context.Pace.TimeZone;
        _figures.RollOver(zone, now);
        var applied = 0;
        foreach (var sale in sales)
        {
            if (_figures.TryCount(sale, zone))
            {
                applied++;
            }
        }

        if (applied > 0)
        {
            // Counted in memory only: the ledger already holds these sales, and the checkpoint timer writes the state.
            _figures.Touch(now);
            Changed(context, now);
        }

        LogApplied(RepId, applied, sales.Length - applied, _figures.State.DayActual);
        return Task.FromResult(new SalesApplied(applied, sales.Length - applied));
    }

    async Task<SalesApplied> IRepGrain.CatchUpFromLedger()
    {
        if (_context is not { } context)
        {
            return new SalesApplied(0, 0);
        }

        var now = _clock.GetUtcNow();
        var counted = await _figures.CountTail(RepId, context.Pace.TimeZone, now, CancellationToken.None);
        if (counted > 0)
        {
            Changed(context, now);
        }

        return new SalesApplied(counted, 0);
    }

    Task<RepProgress> IRepGrain.GetProgress()
    {
        var now = _clock.GetUtcNow();
        if (_context is not { } context)
        {
            return Task.FromResult(RepProgress.Unknown(RepId, now));
        }

        _figures.RollOver(context.Pace.TimeZone, now);
        var (day, month) = Evaluate(context, now);
        var state = _figures.State;
        var store = context.Pace.Profile;
        return Task.FromResult(new RepProgress(
            RepId,
            true,
            context.Profile.Name,
            store.StoreId,
            store.RegionId,
            context.Profile.Active,
            day,
            month,
            state.UpdatedAt == default ? now : state.UpdatedAt,
            state.Version,
            store.TimeZone));
    }

    async Task IRepGrain.ReloadTarget()
    {
        await RefreshContext(CancellationToken.None);
        if (_context is { } context)
        {
            var now = _clock.GetUtcNow();
            _figures.RollOver(context.Pace.TimeZone, now);
            UpdateBands(context, now);
            Judge(context, now);
        }

        // Now, not paced: the person who changed the target is looking at a board that should show it.
        await GrainFactory.GetGrain<ILiveUpdateNotifierGrain>(0).PublishRepChange(new RepBoardChange(RepId, RepBoardChangeKind.Progress));
    }

    /// <summary>After sales were counted: new bands, a checkpoint when due, and the alerts judged soon, off this turn.</summary>
    private void Changed(RepContext context, DateTimeOffset now)
    {
        UpdateBands(context, now);
        _checkpoints.Counted();
        ScheduleJudge();
    }

    /// <summary>The alerts judged once the grain is free (at most one judgement per <see cref="LiveOptions.PublishInterval"/>).</summary>
    private void ScheduleJudge() =>
        _judgeTimer ??= this.RegisterGrainTimer(JudgeSoon, new GrainTimerCreationOptions(_live.PublishInterval, Timeout.InfiniteTimeSpan) { Interleave = false });

    private Task JudgeSoon(CancellationToken cancellationToken)
    {
        _judgeTimer?.Dispose();
        _judgeTimer = null;
        if (_context is { } context)
        {
            Judge(context, _clock.GetUtcNow());
        }

        // Paced like the judgement (once per PublishInterval at most): open rep boards re-read the figures.
        return GrainFactory.GetGrain<ILiveUpdateNotifierGrain>(0).PublishRepChange(new RepBoardChange(RepId, RepBoardChangeKind.Progress));
    }

    private async Task Refresh(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        if (now - _contextReadAt > _live.MasterDataRefreshInterval)
        {
            await RefreshContext(cancellationToken);
        }

        if (_context is { } context)
        {
            _figures.RollOver(context.Pace.TimeZone, now);
            UpdateBands(context, now);
            Judge(context, now);
        }
    }

    /// <summary>
    /// Reads the rep's master data, target and store pace. The first time the rep is known in this activation, its
    /// checkpoint is completed from the ledger: a rep added to master data after its first sales counts them then.
    /// </summary>
    private async Task RefreshContext(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        _contextReadAt = now;
        _context = await LoadContext(now, cancellationToken);
        if (_context is null)
        {
            LogUnknownRep(RepId);
            return;
        }

        if (!_restored)
        {
            await _figures.Restore(RepId, _context.Pace.TimeZone, now, cancellationToken);
            _restored = true;
        }

        UpdateBands(_context, now);
    }

    private async Task<RepContext?> LoadContext(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await _directory.FindRep(RepId, cancellationToken) is not { } profile)
        {
            return null;
        }

        var pace = await StorePace.Load(_directory, profile.StoreId, now, _live.PacingHistoryWeeks, cancellationToken);
        var today = StorePace.Today(pace.TimeZone, now);
        var target = await _directory.GetRepMonthlyTarget(RepId, today, cancellationToken);
        // The store's closures too: a rep is expected to sell only while the store is open, as the store is.
        var month = await StoreMonthEvents.Load(_events, profile.StoreId, pace.TimeZone, today, cancellationToken);
        return new RepContext(profile, pace, target, month.Closures);
    }

    private (PeriodProgress Day, PeriodProgress Month) Evaluate(RepContext context, DateTimeOffset now) =>
        PacedFigures.Evaluate(_figures.State, context.MonthTarget, context.Pace.Pacing, context.Pace.LocalTime(now), _statusOptions, context.Closures);

    private void UpdateBands(RepContext context, DateTimeOffset now)
    {
        var (day, month) = Evaluate(context, now);
        PacedFigures.KeepBands(_figures.State, day, month);
    }

    /// <summary>Judges the rep's alerts on its figures now; raises go out without holding up this turn.</summary>
    private void Judge(RepContext context, DateTimeOffset now)
    {
        var (day, month) = Evaluate(context, now);
        var hours = PacedFigures.Hours(_figures.State, context.MonthTarget, context.Pace.Pacing, context.Closures);
        var closed = context.Closures.IsClosedAt(context.Pace.LocalTime(now));
        _alerts.Evaluate(new RepAlertView(context.Profile, context.Pace.Profile, context.Pace.TimeZone, day, month, hours, closed), now);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rep {RepId}: checkpoint not written; the ledger covers it")]
    private partial void LogCheckpointFailed(Exception exception, string repId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rep {RepId}: {Applied} sales counted, {Repeated} already counted; day actual {DayActual}")]
    private partial void LogApplied(string repId, int applied, int repeated, decimal dayActual);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rep {RepId} is not in the chain's master data: its sales stay in the ledger and are counted once it is added")]
    private partial void LogUnknownRep(string repId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rep {RepId} is not in master data: {Count} sales left to the ledger")]
    private partial void LogUnknownRepSales(string repId, int count);

    /// <summary>The rep's master data, its month's target, its store's pace and its store's recorded closures this month.</summary>
    private sealed record RepContext(RepProfile Profile, StorePace Pace, decimal MonthTarget, StoreClosures Closures);
}
