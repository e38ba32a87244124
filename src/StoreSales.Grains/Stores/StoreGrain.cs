using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Chain;
using StoreSales.Abstractions.Live;
using StoreSales.Abstractions.Regions;
using StoreSales.Abstractions.StoreEvents;
using StoreSales.Abstractions.Stores;
using StoreSales.Domain.Alerts;
using StoreSales.Domain.HotItems;
using StoreSales.Domain.Pacing;
using StoreSales.Domain.Targets;
using StoreSales.Domain.Targets.Changes;
using StoreSales.Grains.Sales;

namespace StoreSales.Grains.Stores;

/// <summary>
/// A store's live figures: today's and this month's sales against target, paced to the store's own rhythm,
/// and its hot items. Fed by the ingest API after each batch is durable in the ledger. The flow: sales are counted
/// in memory (<see cref="StoreCheckpoint"/>, checkpointed by a timer and completed from the ledger tail on
/// activation), published coalesced to the boards and the region, and judged for alerts from the timers
/// (<see cref="StoreAlerts"/>), never on the ack path. The agent's latest heartbeat is kept in storage too
/// (<see cref="StoreAgentState"/>), and a reminder (<c>agent-watch</c>) wakes the store after a silo restart, so an agent that
/// never reports again still has its devices judged offline and its alert raised.
/// </summary>
public sealed partial class StoreGrain : Grain, IStoreGrain, IRemindable
{
    private const string AgentWatchReminder = "agent-watch";

    private readonly StoreCheckpoint _figures;
    private readonly CheckpointSchedule<StoreState> _checkpoints;
    private readonly IChainDirectory _directory;
    private readonly IStoreLedgerReader _ledger;
    private readonly IStoreClosureReader _events;
    private readonly TimeProvider _clock;
    private readonly LiveOptions _live;
    private readonly TargetStatusOptions _statusOptions;
    private readonly HotItemOptions _hotItemOptions;
    private readonly ILogger<StoreGrain> _logger;

    private StoreAlerts _alerts = null!;
    private StoreHotItems _hotItems = null!;
    private StoreContext? _context;
    private DateTimeOffset _lastPublished = DateTimeOffset.MinValue;
    private IGrainTimer? _publishTimer;
    private StoreProgress? _lastProgress;

    // The agent's latest heartbeat and when it arrived (server clock); written now and then to _agent.
    private StoreHeartbeat? _heartbeat;
    private DateTimeOffset _heartbeatAt;
    private readonly IPersistentState<StoreAgentState> _agent;
    private bool _agentWatched;

    public StoreGrain(
        [PersistentState("store", GrainStorageNames.Live)] IPersistentState<StoreState> state,
        [PersistentState("agent", GrainStorageNames.Live)] IPersistentState<StoreAgentState> agent,
        IChainDirectory directory,
        IStoreLedgerReader ledger,
        IStoreClosureReader events,
        TimeProvider clock,
        IOptions<LiveOptions> live,
        IOptions<TargetStatusOptions> statusOptions,
        IOptions<HotItemOptions> hotItemOptions,
        ILogger<StoreGrain> logger)
    {
        _agent = agent;
        _directory = directory;
        _ledger = ledger;
        _events = events;
        _clock = clock;
        _live = live.Value;
        _figures = new StoreCheckpoint(state, ledger, _live, logger);
        _checkpoints = new CheckpointSchedule<StoreState>(this, _figures, _live, ex => LogCheckpointFailed(ex, StoreId), DeactivateOnIdle);
        _statusOptions = statusOptions.Value;
        _hotItemOptions = hotItemOptions.Value;
        _logger = logger;
    }

    private string StoreId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _alerts = new StoreAlerts(
            GrainFactory,
            StoreId,
            new StoreAlertOptions(_live.DeviceOfflineAlertAfter, _live.FeedLagAlertAfter, _live.ClockSkewAlertAfter),
            _live.DeviceOfflineAfter,
            _logger);
        _context = await LoadContext(cancellationToken);
        if (_agent.State.Heartbeat is { } saved)
        {
            // As last written: devices then count online only if it is recent enough, exactly as before the restart.
            _heartbeat = saved;
            _heartbeatAt = _agent.State.ReceivedAt;
        }

        _hotItems = new StoreHotItems(StoreId, _ledger, _directory, _live, _hotItemOptions, _logger);

        // The hour's read before the tail: a sale committed in between is then in the figures (exact) and at worst
        // missing from the hot items, never counted twice in them.
        var now = _clock.GetUtcNow();
        await _hotItems.Load(_context.LocalTime(now), now, cancellationToken);
        foreach (var sale in await _figures.Restore(StoreId, _context.TimeZone, now, cancellationToken))
        {
            _hotItems.Remember(sale);
        }

        UpdateBands(_context, now);

        // A random first tick spreads the refreshes (and their alert raises) of stores woken together, e.g. after a
        // silo restart, over the interval instead of the same second.
        var firstRefresh = TimeSpan.FromTicks(Random.Shared.NextInt64(Math.Max(1, _live.RefreshInterval.Ticks)));
        this.RegisterGrainTimer(RefreshPace, new GrainTimerCreationOptions(firstRefresh, _live.RefreshInterval) { Interleave = false });
        _checkpoints.Start();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _checkpoints.Deactivating(cancellationToken);

    async Task<SalesApplied> IStoreGrain.ApplySales(ImmutableArray<StoreSale> sales)
    {
        var context = await EnsureContext();
        var now = _clock.GetUtcNow();
        _figures.RollOver(context.TimeZone, now);

        var applied = 0;
        var repeated = 0;
        foreach (var sale in sales)
        {
            if (!_figures.TryCount(sale, context.TimeZone))
            {
                repeated++;
                continue;
            }

            applied++;
            _hotItems.Add(sale, now);
        }

        if (applied > 0)
        {
            // Counted in memory only: the ledger already holds these sales, and the checkpoint timer writes the state.
            _figures.Touch(now);
            UpdateBands(context, now);
            SchedulePublish(now);
            _checkpoints.Counted();
        }
        else if (_lastProgress is null)
        {
            // Woken by this batch: activation counted it from the ledger tail (it was committed first), so nothing is new
            // here, yet no board, region or alert rule has seen it. Shown now, not at the first refresh up to an interval away.
            SchedulePublish(now);
        }

        LogApplied(StoreId, applied, repeated, _figures.State.DayActual);
        return new SalesApplied(applied, repeated);
    }

    async Task IStoreGrain.ApplyScans(ImmutableArray<StoreScan> scans)
    {
        var context = await EnsureContext();
        var now = _clock.GetUtcNow();
        var counted = ImmutableArray.CreateBuilder<HeatmapScan>();
        foreach (var scan in scans)
        {
            if (_hotItems.Add(scan, now))
            {
                counted.Add(new HeatmapScan(StoreId, context.Profile.RegionId, scan.TerminalId, scan.Sequence, scan.Code, HotItemSource.UnitsOf(scan.WeightKg), scan.ScannedAt));
            }
        }

        if (counted.Count > 0)
        {
            // The hot list is part of the published progress: the board moves at the scan. HQ heatmap cells move with the
            // scans themselves, at once: they add them to their last read (the progress carries no window but the board's).
            SchedulePublish(now);
            await GrainFactory.GetGrain<ILiveUpdateNotifierGrain>(0).PublishScans(counted.ToImmutable());
        }

        LogScansApplied(StoreId, counted.Count, scans.Length);
    }

    async Task<SalesApplied> IStoreGrain.CatchUpFromLedger()
    {
        var context = await EnsureContext();
        var now = _clock.GetUtcNow();
        var counted = await _figures.CountTail(StoreId, context.TimeZone, now, CancellationToken.None);
        if (counted.Count > 0)
        {
            UpdateBands(context, now);
            SchedulePublish(now);
            _checkpoints.Counted();
        }

        return new SalesApplied(counted.Count, 0);
    }

    async Task<ImmutableArray<long>> IStoreGrain.Uncounted(string terminalId, ImmutableArray<long> sequences)
    {
        await EnsureContext();
        return [.. sequences.Where(sequence => !_figures.Has(terminalId, sequence))];
    }

    async Task<StoreProgress> IStoreGrain.GetProgress()
    {
        var context = await EnsureContext();
        var now = _clock.GetUtcNow();
        _figures.RollOver(context.TimeZone, now);
        return await BuildProgress(context, now);
    }

    async Task IStoreGrain.ReportHeartbeat(StoreHeartbeat heartbeat)
    {
        var context = await EnsureContext();
        var now = _clock.GetUtcNow();
        _heartbeat = heartbeat;
        _heartbeatAt = now;
        var devices = Devices(now);
        LogHeartbeat(StoreId, heartbeat.AgentId, devices.Count(d => d.Online), devices.Length, heartbeat.OutboxDepth);
        await KeepAgent(heartbeat, now);
        // The board shows the agent's outbox state and clock skew too: a change there is worth an update as well.
        var agent = Agent();
        if (_lastProgress is null || !SameDevices(_lastProgress.Devices, devices)
            || _lastProgress.Agent?.OutboxState != agent?.OutboxState
            || Math.Round(_lastProgress.Agent?.ClockSkew?.TotalSeconds ?? 0) != Math.Round(agent?.ClockSkew?.TotalSeconds ?? 0))
        {
            SchedulePublish(now);
        }

        // Not on the ack path: raises are sent without waiting for them.
        EvaluateAlerts(context, now);
    }

    async Task IStoreGrain.ReloadTarget()
    {
        // A target or store event was committed: read both again now, not at the next master-data refresh.
        _context = await LoadContext(CancellationToken.None);
        var now = _clock.GetUtcNow();
        _figures.RollOver(_context.TimeZone, now);
        UpdateBands(_context, now);
        await Publish(force: true);
        EvaluateAlerts(_context, now);
    }

    async Task<ImmutableArray<DayAmount>> IStoreGrain.SplitByDay(DateOnly month, decimal monthTarget)
    {
        var context = await EnsureContext();
        return [.. DailySplit.Of(monthTarget, month, context.Pacing).Select(d => new DayAmount(d.Day, d.Amount))];
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != AgentWatchReminder)
        {
            return;
        }

        // Woken (after a restart, on any silo) or still awake: the devices are judged now, and by the refresh timer after.
        var context = await EnsureContext();
        var now = _clock.GetUtcNow();
        await Publish(force: false);
        EvaluateAlerts(context, now);
    }

    /// <summary>
    /// Writes the heartbeat when it is the first, when the devices it reports changed, or when the last write is older than
    /// <see cref="LiveOptions.HeartbeatSaveInterval"/>; and keeps the reminder that wakes this store after a restart. Best
    /// effort: a failed write is tried again with the next heartbeat.
    /// </summary>
    private async Task KeepAgent(StoreHeartbeat heartbeat, DateTimeOffset now)
    {
        try
        {
            var saved = _agent.State.Heartbeat;
            if (saved is null || now - _agent.State.ReceivedAt >= _live.HeartbeatSaveInterval
                || !saved.Devices.Select(d => (d.TerminalId, d.Kind, d.Online)).SequenceEqual(heartbeat.Devices.Select(d => (d.TerminalId, d.Kind, d.Online))))
            {
                _agent.State.Heartbeat = heartbeat;
                _agent.State.ReceivedAt = now;
                await _agent.WriteStateAsync();
            }

            if (!_agentWatched)
            {
                await this.RegisterOrUpdateReminder(AgentWatchReminder, _live.AgentWatchPeriod, _live.AgentWatchPeriod);
                _agentWatched = true;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogAgentNotKept(exception, StoreId);
        }
    }

    /// <summary>The agent's own health from its last heartbeat, for the board; null before the first.</summary>
    private AgentHealth? Agent() => _heartbeat is not { } h ? null
        : new AgentHealth(h.ClockSkew, h.OutboxDepth, h.OldestUnsentAge, h.OutboxBytes, h.OutboxMaxBytes, h.OutboxState, h.RejectedCount);

    /// <summary>
    /// The devices of the last heartbeat: online when the agent said so and the heartbeat is not older than
    /// <see cref="LiveOptions.DeviceOfflineAfter"/>.
    /// </summary>
    private ImmutableArray<DeviceStatus> Devices(DateTimeOffset now)
    {
        if (_heartbeat is null)
        {
            return [];
        }

        var fresh = now - _heartbeatAt <= _live.DeviceOfflineAfter;
        return [.. _heartbeat.Devices
            .OrderBy(d => d.TerminalId, StringComparer.Ordinal)
            .ThenBy(d => d.Kind, StringComparer.Ordinal)
            .Select(d => new DeviceStatus(d.TerminalId, d.Kind, d.Online && fresh, d.LastEventAt, _heartbeatAt))];
    }

    private (PeriodProgress Day, PeriodProgress Month) Evaluate(StoreContext context, DateTimeOffset now) =>
        PacedFigures.Evaluate(_figures.State, context.MonthTarget, context.Pacing, context.LocalTime(now), _statusOptions, context.Closures);

    /// <summary>Judges the store's alerts on its figures, devices and agent now; raises go out without holding up this turn.</summary>
    private void EvaluateAlerts(StoreContext context, DateTimeOffset now) =>
        _alerts.Evaluate(new StoreAlertView(context.Profile, context.TimeZone, Evaluate(context, now).Day, Hours(context), Devices(now), _heartbeat, context.ClosedBy(now) is not null), now);

    private void UpdateBands(StoreContext context, DateTimeOffset now)
    {
        var (day, month) = Evaluate(context, now);
        PacedFigures.KeepBands(_figures.State, day, month);
    }

    private async Task<StoreProgress> BuildProgress(StoreContext context, DateTimeOffset now)
    {
        var state = _figures.State;
        var (day, month) = Evaluate(context, now);
        var hot = await _hotItems.Rank(context.LocalTime(now), now);

        return new StoreProgress(
            StoreId,
            context.Profile.Name,
            context.Profile.RegionId,
            day,
            month,
            hot,
            state.UpdatedAt == default ? now : state.UpdatedAt,
            state.Version,
            context.Profile.TimeZone,
            Devices(now),
            _heartbeat is null ? null : _heartbeatAt,
            Hours(context),
            _hotItems.RecentSales,
            [.. context.Events.Where(e => e.EndsAt > now)],
            Agent(),
            context.ClosedBy(now));
    }

    private ImmutableArray<HourFigure> Hours(StoreContext context) => PacedFigures.Hours(_figures.State, context.MonthTarget, context.Pacing, context.Closures);

    /// <summary>Publishes at most once per <see cref="LiveOptions.PublishInterval"/>; a burst becomes one update.</summary>
    private void SchedulePublish(DateTimeOffset now)
    {
        if (_publishTimer is not null)
        {
            return;
        }

        var wait = _lastPublished + _live.PublishInterval - now;
        if (wait < TimeSpan.Zero)
        {
            wait = TimeSpan.Zero;
        }

        _publishTimer = this.RegisterGrainTimer(PublishNow, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { Interleave = false });
    }

    private async Task PublishNow(CancellationToken cancellationToken)
    {
        _publishTimer?.Dispose();
        _publishTimer = null;
        await Publish(force: true);
        EvaluateAlerts(await EnsureContext(), _clock.GetUtcNow());
    }

    private async Task RefreshPace(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        if (_context is null || now - _context.LoadedAt > _live.MasterDataRefreshInterval)
        {
            _context = await LoadContext(cancellationToken);
        }

        _figures.RollOver(_context.TimeZone, now);
        UpdateBands(_context, now);
        _hotItems.Prune(now);

        // Also where devices go offline when the agent fell silent: Publish sees the changed device list.
        await Publish(force: false);
        EvaluateAlerts(_context, now);
    }

    private async Task Publish(bool force)
    {
        var context = await EnsureContext();
        var now = _clock.GetUtcNow();
        var progress = await BuildProgress(context, now);
        if (!force && _lastProgress is not null && SameFigures(_lastProgress, progress))
        {
            return;
        }

        _lastProgress = progress;
        _lastPublished = now;
        var notifier = GrainFactory.GetGrain<ILiveUpdateNotifierGrain>(0);
        await notifier.PublishStore(progress);
        await GrainFactory.GetGrain<IRegionGrain>(context.Profile.RegionId).ReportStore(StoreSummary.Of(progress));
    }

    // Hot items are compared too: the window slides and the hour's usual velocity changes without a new sale.
    private static bool SameFigures(StoreProgress a, StoreProgress b) =>
        a.Version == b.Version && a.Day == b.Day && a.Month == b.Month && SameDevices(a.Devices, b.Devices)
        && a.ClosedBy == b.ClosedBy && a.Events.SequenceEqual(b.Events)
        && a.HotItems.SequenceEqual(b.HotItems) && a.RecentSales.SequenceEqual(b.RecentSales);

    /// <summary>Same devices, each as online and with the same last event (the heartbeat time alone changes nothing shown).</summary>
    private static bool SameDevices(ImmutableArray<DeviceStatus> a, ImmutableArray<DeviceStatus> b) =>
        a.Length == b.Length
        && a.Zip(b).All(p => p.First.TerminalId == p.Second.TerminalId && p.First.Kind == p.Second.Kind
            && p.First.Online == p.Second.Online && p.First.LastEventAt == p.Second.LastEventAt);

    private async Task<StoreContext> EnsureContext() => _context ??= await LoadContext(CancellationToken.None);

    private async Task<StoreContext> LoadContext(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var pace = await StorePace.Load(_directory, StoreId, now, _live.PacingHistoryWeeks, cancellationToken);
        var today = StorePace.Today(pace.TimeZone, now);
        var target = await _directory.GetMonthlyTarget(StoreId, today, cancellationToken);
        var month = await StoreMonthEvents.Load(_events, StoreId, pace.TimeZone, today, cancellationToken);
        return new StoreContext(pace.Profile, pace.TimeZone, target, pace.Pacing, now, month.Events, month.Closures);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: heartbeat or agent-watch reminder not written; the next heartbeat tries again")]
    private partial void LogAgentNotKept(Exception exception, string storeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: checkpoint not written; the ledger tail covers it")]
    private partial void LogCheckpointFailed(Exception exception, string storeId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Store {StoreId}: {Counted} of {Scans} scans moved the hot items (the rest are of terminals that count by their sales)")]
    private partial void LogScansApplied(string storeId, int counted, int scans);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Store {StoreId}: {Applied} sales counted, {Repeated} already counted; day actual {DayActual}")]
    private partial void LogApplied(string storeId, int applied, int repeated, decimal dayActual);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Store {StoreId}: heartbeat from agent {AgentId}, {Online} of {Devices} devices online, outbox {OutboxDepth}")]
    private partial void LogHeartbeat(string storeId, string agentId, int online, int devices, long outboxDepth);

    private sealed record StoreContext(
        StoreProfile Profile,
        TimeZoneInfo TimeZone,
        decimal MonthTarget,
        PacingProfile Pacing,
        DateTimeOffset LoadedAt,
        ImmutableArray<StoreEventNow> Events,
        StoreClosures Closures)
    {
        public DateTime LocalTime(DateTimeOffset now) => TimeZoneInfo.ConvertTime(now, TimeZone).DateTime;

        /// <summary>The closing event under way at <paramref name="now"/> (the one that ends last when several overlap), or null.</summary>
        public StoreEventNow? ClosedBy(DateTimeOffset now) =>
            Events.Where(e => e.ClosesStore && e.StartsAt <= now && now < e.EndsAt).OrderByDescending(e => e.EndsAt).FirstOrDefault();
    }
}
