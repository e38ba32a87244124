using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Chain;
using StoreSales.Abstractions.Live;
using StoreSales.Abstractions.Regions;
using StoreSales.Abstractions.Stores;
using StoreSales.Domain.Alerts;
using StoreSales.Domain.HotItems;
using StoreSales.Domain.Pacing;
using StoreSales.Domain.Targets;

namespace StoreSales.Grains.Stores;

/// <summary>
/// A store's live figures: today's and this month's sales against target, paced to the store's own rhythm,
/// and its hot items. Fed by the ingest API after each batch is durable in the ledger. The flow: sales are counted
/// in memory (<see cref="StoreCheckpoint"/>, checkpointed by a timer and completed from the ledger tail on
/// activation), published coalesced to the boards and the region, and judged for alerts from the timers
/// (<see cref="StoreAlerts"/>), never on the ack path.
/// </summary>
public sealed partial class StoreGrain : Grain, IStoreGrain
{
    private readonly StoreCheckpoint _figures;
    private readonly IChainDirectory _directory;
    private readonly IStoreLedgerReader _ledger;
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
    private IGrainTimer? _checkpointSoon;
    private StoreProgress? _lastProgress;

    // The agent's latest heartbeat and when it arrived (server clock). Live state: not persisted.
    private StoreHeartbeat? _heartbeat;
    private DateTimeOffset _heartbeatAt;

    public StoreGrain(
        [PersistentState("store", GrainStorageNames.Live)] IPersistentState<StoreState> state,
        IChainDirectory directory,
        IStoreLedgerReader ledger,
        TimeProvider clock,
        IOptions<LiveOptions> live,
        IOptions<TargetStatusOptions> statusOptions,
        IOptions<HotItemOptions> hotItemOptions,
        ILogger<StoreGrain> logger)
    {
        _directory = directory;
        _ledger = ledger;
        _clock = clock;
        _live = live.Value;
        _figures = new StoreCheckpoint(state, ledger, _live, logger);
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
            _logger);
        _context = await LoadContext(cancellationToken);
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
        this.RegisterGrainTimer(Checkpoint, new GrainTimerCreationOptions(_live.CheckpointInterval, _live.CheckpointInterval) { Interleave = false });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Best effort only (not run when a silo dies): what it misses, the next activation reads from the ledger tail.
        if (_figures.Changed)
        {
            try
            {
                await _figures.Write(cancellationToken);
            }
            catch (Exception ex)
            {
                LogCheckpointFailed(ex, StoreId);
            }
        }
    }

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
            if (_figures.Due)
            {
                ScheduleCheckpointSoon();
            }
        }

        LogApplied(StoreId, applied, repeated, _figures.State.DayActual);
        return new SalesApplied(applied, repeated);
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
            if (_figures.Due)
            {
                ScheduleCheckpointSoon();
            }
        }

        return new SalesApplied(counted.Count, 0);
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

    private (PeriodProgress Day, PeriodProgress Month) Evaluate(StoreContext context, DateTimeOffset now)
    {
        var state = _figures.State;
        var local = context.LocalTime(now);
        var dayTarget = TargetPacing.DayTarget(context.MonthTarget, state.Day, context.Pacing);
        var dayExpected = TargetPacing.ExpectedForDay(dayTarget, local, context.Pacing);
        var monthExpected = TargetPacing.ExpectedForMonth(context.MonthTarget, local, context.Pacing);

        var dayStatus = TargetStatusRule.Evaluate(state.DayActual, dayExpected, dayTarget, Previous(state.DayBand), _statusOptions);
        var monthStatus = TargetStatusRule.Evaluate(state.MonthActual, monthExpected, context.MonthTarget, Previous(state.MonthBand), _statusOptions);

        return (
            new PeriodProgress(state.DayActual, Round(dayTarget), Round(dayExpected), dayStatus.Deviation, dayStatus.Band, dayStatus.Direction, state.DaySales),
            new PeriodProgress(state.MonthActual, context.MonthTarget, Round(monthExpected), monthStatus.Deviation, monthStatus.Band, monthStatus.Direction, state.MonthSales));
    }

    /// <summary>Judges the store's alerts on its figures, devices and agent now; raises go out without holding up this turn.</summary>
    private void EvaluateAlerts(StoreContext context, DateTimeOffset now) =>
        _alerts.Evaluate(new StoreAlertView(context.Profile, context.TimeZone, Evaluate(context, now).Day, Hours(context), Devices(now), _heartbeat), now);

    private void UpdateBands(StoreContext context, DateTimeOffset now)
    {
        var (day, month) = Evaluate(context, now);
        _figures.State.DayBand = (int)day.Status;
        _figures.State.MonthBand = (int)month.Status;
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
            Agent());
    }

    private ImmutableArray<HourFigure> Hours(StoreContext context)
    {
        var state = _figures.State;
        var expected = TargetPacing.ExpectedByHour(TargetPacing.DayTarget(context.MonthTarget, state.Day, context.Pacing), state.Day, context.Pacing);
        return [.. Enumerable.Range(0, 24).Select(h => new HourFigure(h, state.DayHours[h], Round(expected[h])))];
    }

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

    /// <summary>A checkpoint as soon as the grain is free, off the turn of the ApplySales that made it due.</summary>
    private void ScheduleCheckpointSoon()
    {
        _checkpointSoon ??= this.RegisterGrainTimer(CheckpointSoon, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = false });
    }

    private async Task CheckpointSoon(CancellationToken cancellationToken)
    {
        // Disposed only after the write: disposing a grain timer cancels its callback's token, and the storage write
        // then failed with OperationCanceledException (seen in up.sh's log: every "soon" checkpoint was lost).
        var timer = _checkpointSoon;
        _checkpointSoon = null;
        try
        {
            await Checkpoint(cancellationToken);
        }
        finally
        {
            timer?.Dispose();
        }
    }

    private async Task Checkpoint(CancellationToken cancellationToken)
    {
        if (!_figures.Changed)
        {
            return;
        }

        try
        {
            await _figures.Write(cancellationToken);
        }
        catch (Orleans.Storage.InconsistentStateException ex)
        {
            // Another activation wrote the row: this one's view is stale; reload it from the checkpoint and the ledger.
            LogCheckpointFailed(ex, StoreId);
            DeactivateOnIdle();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing is lost (the ledger holds every counted sale); the next tick tries again.
            LogCheckpointFailed(ex, StoreId);
        }
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
        && a.HotItems.SequenceEqual(b.HotItems) && a.RecentSales.SequenceEqual(b.RecentSales);

    /// <summary>Same devices, each as online and with the same last event (the heartbeat time alone changes nothing shown).</summary>
    private static bool SameDevices(ImmutableArray<DeviceStatus> a, ImmutableArray<DeviceStatus> b) =>
        a.Length == b.Length
        && a.Zip(b).All(p => p.First.TerminalId == p.Second.TerminalId && p.First.Kind == p.Second.Kind
            && p.First.Online == p.Second.Online && p.First.LastEventAt == p.Second.LastEventAt);

    private async Task<StoreContext> EnsureContext() => _context ??= await LoadContext(CancellationToken.None);

    private async Task<StoreContext> LoadContext(CancellationToken cancellationToken)
    {
        var profile = await _directory.FindStore(StoreId, cancellationToken)
            ?? throw new InvalidOperationException($"Store '{StoreId}' is not in the chain's master data.");
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(profile.TimeZone);
        var now = _clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, timeZone).DateTime);
        var target = await _directory.GetMonthlyTarget(StoreId, today, cancellationToken);
        var history = await _directory.GetHourlySalesHistory(StoreId, today.AddDays(-7 * _live.PacingHistoryWeeks), today, cancellationToken);
        var pacing = history.Count == 0 ? PacingProfile.Linear(profile.Hours) : PacingProfile.FromHistory(history, profile.Hours);
        return new StoreContext(profile, timeZone, target, pacing, now);
    }

    private static TargetStatus? Previous(int band) =>
        band == (int)TargetBand.Pending ? null : new TargetStatus((TargetBand)band, PaceDirection.OnPace, null);

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: checkpoint not written; the ledger tail covers it")]
    private partial void LogCheckpointFailed(Exception exception, string storeId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Store {StoreId}: {Applied} sales counted, {Repeated} already counted; day actual {DayActual}")]
    private partial void LogApplied(string storeId, int applied, int repeated, decimal dayActual);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Store {StoreId}: heartbeat from agent {AgentId}, {Online} of {Devices} devices online, outbox {OutboxDepth}")]
    private partial void LogHeartbeat(string storeId, string agentId, int online, int devices, long outboxDepth);

    private sealed record StoreContext(StoreProfile Profile, TimeZoneInfo TimeZone, decimal MonthTarget, PacingProfile Pacing, DateTimeOffset LoadedAt)
    {
        public DateTime LocalTime(DateTimeOffset now) => TimeZoneInfo.ConvertTime(now, TimeZone).DateTime;
    }
}
