using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Chain;
using StoreSales.Abstractions.Interventions;
using StoreSales.Abstractions.Live;
using StoreSales.Abstractions.Regions;
using StoreSales.Abstractions.Stores;
using StoreSales.Domain.HotItems;
using StoreSales.Domain.Pacing;
using StoreSales.Domain.Sales;
using StoreSales.Domain.Targets;

namespace StoreSales.Grains.Stores;

/// <summary>
/// A store's live figures: today's and this month's sales against target, paced to the store's own rhythm,
/// and its hot items. Fed by the ingest API after each batch is durable in the ledger.
/// </summary>
public sealed partial class StoreGrain : Grain, IStoreGrain
{
    private readonly IPersistentState<StoreState> _state;
    private readonly IChainDirectory _directory;
    private readonly IStoreLedgerReader _ledger;
    private readonly TimeProvider _clock;
    private readonly LiveOptions _live;
    private readonly TargetStatusOptions _statusOptions;
    private readonly HotItemOptions _hotItemOptions;
    private readonly ILogger<StoreGrain> _logger;
    private readonly Dictionary<string, string> _itemNames = new(StringComparer.Ordinal);

    // The board's ticker: the latest sales, newest first; live only, refilled from the ledger on activation.
    private readonly List<RecentSale> _recentSales = [];

    // Kept in memory only: rebuilt from the ledger on activation, so each state write stays small.
    private HotItemWindow _hotItems = null!;

    // What the store usually sells per item in the current local hour of the week; reloaded when the hour moves on.
    private UsualVelocity _usual = null!;

    private StoreContext? _context;
    private DateTimeOffset _lastPublished = DateTimeOffset.MinValue;
    private IGrainTimer? _publishTimer;
    private StoreProgress? _lastProgress;

    // The agent's latest heartbeat and when it arrived (server clock). Live state: not persisted.
    private StoreHeartbeat? _heartbeat;
    private DateTimeOffset _heartbeatAt;

    // Whether this activation already raised the day's alerts; the intervention grain dedups across activations.
    private bool _dayBehindRaised;
    private bool _dayAheadRaised;

    // Per device (terminal, kind): offline since when, and whether that episode already raised its alert.
    private readonly Dictionary<(string Terminal, string Kind), (DateTimeOffset Since, bool Raised)> _offline = [];
    // Conditions of the agent's heartbeat (feed lagging, outbox near full, clock skew) with an alert raised for
    // the episode under way: raised once when the condition starts holding, forgotten when it stops.
    private readonly HashSet<string> _agentAlertsRaised = [];

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
        _state = state;
        _directory = directory;
        _ledger = ledger;
        _clock = clock;
        _live = live.Value;
        _statusOptions = statusOptions.Value;
        _hotItemOptions = hotItemOptions.Value;
        _logger = logger;
    }

    private string StoreId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _context = await LoadContext(cancellationToken);
        _hotItems = new HotItemWindow(_live.HotItemWindow, _live.HotItemBucket);
        _usual = await LoadUsualVelocity(_context, _clock.GetUtcNow(), cancellationToken);
        if (_state.RecordExists)
        {
            await LoadHotItems(cancellationToken);
        }
        else
        {
            await RebuildFromLedger(_context, cancellationToken);
        }

        this.RegisterGrainTimer(RefreshPace, new GrainTimerCreationOptions(_live.RefreshInterval, _live.RefreshInterval) { Interleave = false });
    }

    async Task<SalesApplied> IStoreGrain.ApplySales(ImmutableArray<StoreSale> sales)
    {
        var context = await EnsureContext();
        var now = _clock.GetUtcNow();
        var state = _state.State;
        RollOver(context, now);

        var applied = 0;
        var repeated = 0;
        foreach (var sale in sales)
        {
            if (!MarkCounted(state, sale))
            {
                repeated++;
                continue;
            }

            applied++;
            Count(context, state, sale, now);
        }

        if (applied > 0)
        {
            state.Version++;
            state.UpdatedAt = now;
            UpdateBands(context, now);

            // Durable before the caller acks the batch to the till.
            await _state.WriteStateAsync();
            SchedulePublish(now);
            await RaiseAlerts(context, now);
        }

        LogApplied(StoreId, applied, repeated, state.DayActual);
        return new SalesApplied(applied, repeated);
    }

    async Task<StoreProgress> IStoreGrain.GetProgress()
    {
        var context = await EnsureContext();
        var now = _clock.GetUtcNow();
        RollOver(context, now);
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

        await RaiseAlerts(context, now);
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

    /// <summary>
    /// A store without saved state (first activation, or state lost) counts the month's sales from the ledger,
    /// the system of record, and remembers their sequences, so a retry of a batch already in the ledger is not
    /// counted a second time.
    /// </summary>
    private async Task RebuildFromLedger(StoreContext context, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        RollOver(context, now);
        var state = _state.State;
        var monthStart = new DateTimeOffset(state.Month.ToDateTime(TimeOnly.MinValue), context.TimeZone.GetUtcOffset(state.Month.ToDateTime(TimeOnly.MinValue)));
        var sales = await _ledger.ReadSince(StoreId, monthStart, now - _hotItems.Window, cancellationToken);
        if (sales.Count == 0)
        {
            return;
        }

        foreach (var terminal in sales.GroupBy(s => s.TerminalId, StringComparer.Ordinal))
        {
            // Sequences before this month's first are last month's: already outside the live figures.
            state.Terminals[terminal.Key] = new TerminalSequences { Watermark = terminal.Min(s => s.Sequence) - 1 };
        }

        foreach (var sale in sales)
        {
            if (MarkCounted(state, sale))
            {
                Count(context, state, sale, now);
            }
        }

        state.Version++;
        state.UpdatedAt = now;
        UpdateBands(context, now);
        await _state.WriteStateAsync(cancellationToken);
        LogRebuilt(StoreId, sales.Count, state.MonthActual);
    }

    /// <summary>The last hour's item sales of a store whose figures are already in its saved state.</summary>
    private async Task LoadHotItems(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var from = now - _hotItems.Window;
        foreach (var sale in await _ledger.ReadSince(StoreId, from, from, cancellationToken))
        {
            foreach (var line in sale.Lines)
            {
                _hotItems.Add(line.ItemCode, line.Quantity, sale.RungUpAt, now);
            }

            Remember(sale);
        }
    }

    private bool MarkCounted(StoreState state, StoreSale sale)
    {
        if (!state.Terminals.TryGetValue(sale.TerminalId, out var terminal))
        {
            terminal = new TerminalSequences();
            state.Terminals[sale.TerminalId] = terminal;
        }

        var log = new SequenceLog(terminal.Watermark, terminal.Above);
        if (!log.TryMark(sale.Sequence, _live.MaxOutOfOrderSequences))
        {
            return false;
        }

        terminal.Watermark = log.Watermark;
        terminal.Above = [.. log.Above];
        return true;
    }

    private void Count(StoreContext context, StoreState state, StoreSale sale, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(sale.RungUpAt, context.TimeZone).DateTime;
        var day = DateOnly.FromDateTime(local);
        if (day.Year == state.Month.Year && day.Month == state.Month.Month)
        {
            state.MonthActual += sale.Total;
            state.MonthSales += sale.Total >= 0 ? 1 : 0;
        }

        if (day == state.Day)
        {
            state.DayActual += sale.Total;
            state.DaySales += sale.Total >= 0 ? 1 : 0;
            state.DayHours[local.Hour] += sale.Total;
        }

        foreach (var line in sale.Lines)
        {
            _hotItems.Add(line.ItemCode, line.Quantity, sale.RungUpAt, now);
        }

        Remember(sale);
    }

    /// <summary>Keeps the sale if it is among the latest (sales may arrive out of order after an outage).</summary>
    private void Remember(StoreSale sale)
    {
        var at = _recentSales.FindIndex(r => r.RungUpAt < sale.RungUpAt);
        if (at < 0 && _recentSales.Count >= _live.RecentSaleCount)
        {
            return;
        }

        _recentSales.Insert(at < 0 ? _recentSales.Count : at, new RecentSale(sale.TerminalId, sale.Sequence, sale.RungUpAt, sale.Total, sale.Lines.Sum(l => l.Quantity)));
        if (_recentSales.Count > _live.RecentSaleCount)
        {
            _recentSales.RemoveAt(_recentSales.Count - 1);
        }
    }

    /// <summary>Starts a new day or month when the store's local calendar has moved on.</summary>
    private void RollOver(StoreContext context, DateTimeOffset now)
    {
        var state = _state.State;
        var today = DateOnly.FromDateTime(context.LocalTime(now));
        var month = new DateOnly(today.Year, today.Month, 1);
        if (state.Month != month)
        {
            state.Month = month;
            state.MonthActual = 0;
            state.MonthSales = 0;
            state.MonthBand = (int)TargetBand.Pending;
        }

        if (state.Day != today)
        {
            state.Day = today;
            state.DayActual = 0;
            state.DaySales = 0;
            state.DayHours = new decimal[24];
            state.DayBand = (int)TargetBand.Pending;
        }
    }

    private (PeriodProgress Day, PeriodProgress Month) Evaluate(StoreContext context, DateTimeOffset now)
    {
        var state = _state.State;
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

    /// <summary>
    /// Red and behind raises an intervention for the region's field supervisor; red and ahead raises a
    /// calibration flag for HQ (the target is probably wrong). Once per episode: the flag clears when the
    /// day leaves red, and the intervention grain never opens a second alert while one is open.
    /// </summary>
    private async Task RaiseAlerts(StoreContext context, DateTimeOffset now)
    {
        var (day, _) = Evaluate(context, now);
        var status = new TargetStatus(day.Status, day.Direction, day.Deviation);
        var subject = new InterventionSubject("store", StoreId, StoreId, context.Profile.RegionId);
        var evidence = new InterventionEvidence(
            $"{context.Profile.Name}: today {day.Actual:N0} against {day.Expected:N0} expected by now ({day.Deviation:P0}), target {day.Target:N0}",
            day.Actual,
            day.Expected,
            day.Deviation,
            now,
            [.. Hours(context).Where(h => h.Hour <= context.LocalTime(now).Hour)]);

        if (status.NeedsIntervention && !_dayBehindRaised)
        {
            await GrainFactory.GetGrain<IInterventionGrain>(InterventionConditions.GrainKey(StoreId, InterventionConditions.DayBehind))
                .Raise(subject, evidence, InterventionSeverities.High, InterventionAssignees.FieldSupervisorOf(context.Profile.RegionId));
        }

        if (status.NeedsCalibration && !_dayAheadRaised)
        {
            await GrainFactory.GetGrain<IInterventionGrain>(InterventionConditions.GrainKey(StoreId, InterventionConditions.DayAheadCalibration))
                .Raise(subject, evidence, InterventionSeverities.Info, InterventionAssignees.Hq);
        }

        _dayBehindRaised = status.NeedsIntervention;
        _dayAheadRaised = status.NeedsCalibration;
        await RaiseDeviceAlerts(context, subject, now);
        await RaiseAgentAlerts(context, subject, now);
    }

    /// <summary>
    /// Alerts from the agent's last heartbeat: sales waiting in the store's outbox too long (the boards are behind the
    /// tills), the outbox near its disk bound, the store PC's clock off by more than <see cref="LiveOptions.ClockSkewAlertAfter"/>.
    /// </summary>
    private async Task RaiseAgentAlerts(StoreContext context, InterventionSubject store, DateTimeOffset now)
    {
        var beat = _heartbeat;
        var lag = beat?.OldestUnsentAge;
        await RaiseWhileHolds(
            InterventionConditions.FeedLagging,
            lag is { } age && age >= _live.FeedLagAlertAfter,
            () => $"{context.Profile.Name}: {beat!.OutboxDepth} sales waiting at the store, the oldest for {lag:hh\\:mm\\:ss}; last ack {(beat.LastAckAt is { } ack ? TimeZoneInfo.ConvertTime(ack, context.TimeZone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "never")}",
            beat?.OutboxDepth,
            () => new EvidenceFacts(EvidenceFacts.FeedLagging, WaitingSales: beat!.OutboxDepth, OldestWaiting: lag, LastAckAt: beat.LastAckAt),
            InterventionSeverities.Medium,
            context,
            store,
            now);

        var outboxState = beat?.OutboxState;
        await RaiseWhileHolds(
            InterventionConditions.OutboxNearFull,
            outboxState is AgentHealth.OutboxNearFull or AgentHealth.OutboxOverBound,
            () => $"{context.Profile.Name}: the edge agent's outbox is {(outboxState == AgentHealth.OutboxOverBound ? "past" : "near")} its disk bound: {beat!.OutboxBytes / 1048576.0:N0} of {beat.OutboxMaxBytes / 1048576.0:N0} MiB, {beat.OutboxDepth} sales waiting; sales are still kept, the store PC's disk is at risk",
            beat?.OutboxBytes,
            () => new EvidenceFacts(
                outboxState == AgentHealth.OutboxOverBound ? EvidenceFacts.OutboxOverBound : EvidenceFacts.OutboxNearFull,
                WaitingSales: beat!.OutboxDepth, OutboxBytes: beat.OutboxBytes, OutboxMaxBytes: beat.OutboxMaxBytes),
            outboxState == AgentHealth.OutboxOverBound ? InterventionSeverities.High : InterventionSeverities.Medium,
            context,
            store,
            now);

        var skew = beat?.ClockSkew;
        await RaiseWhileHolds(
            InterventionConditions.ClockSkew,
            skew is { } off && off.Duration() >= _live.ClockSkewAlertAfter,
            () => $"{context.Profile.Name}: the store PC's clock is {skew!.Value.Duration().TotalSeconds:N0} s {(skew.Value > TimeSpan.Zero ? "behind" : "ahead of")} the server's (limit {_live.ClockSkewAlertAfter}); till times are suspect: check its time synchronisation",
            skew is { } s ? (decimal)Math.Round(s.TotalSeconds, 1) : null,
            () => new EvidenceFacts(EvidenceFacts.ClockSkewed, ClockSkew: skew, ClockSkewLimit: _live.ClockSkewAlertAfter),
            InterventionSeverities.Low,
            context,
            store,
            now);
    }

    /// <summary>Raises the store's alert for <paramref name="condition"/> when it starts holding; once per episode.</summary>
    private async Task RaiseWhileHolds(string condition, bool holds, Func<string> summary, decimal? figure, Func<EvidenceFacts> facts, string severity, StoreContext context, InterventionSubject store, DateTimeOffset now)
    {
        if (!holds)
        {
            _agentAlertsRaised.Remove(condition);
            return;
        }

        if (_agentAlertsRaised.Add(condition))
        {
            await GrainFactory.GetGrain<IInterventionGrain>(InterventionConditions.GrainKey(StoreId, condition))
                .Raise(store, new InterventionEvidence(summary(), figure, null, null, now, Facts: facts()), severity, InterventionAssignees.FieldSupervisorOf(context.Profile.RegionId));
        }
    }

    /// <summary>A till or scanner offline for <see cref="LiveOptions.DeviceOfflineAlertAfter"/> while the store is open.</summary>
    private async Task RaiseDeviceAlerts(StoreContext context, InterventionSubject store, DateTimeOffset now)
    {
        var open = context.Profile.Hours.IsOpenAt(TimeOnly.FromDateTime(context.LocalTime(now)));
        foreach (var device in Devices(now))
        {
            var key = (device.TerminalId, device.Kind);
            if (device.Online)
            {
                _offline.Remove(key);
                continue;
            }

            var (since, raised) = _offline.TryGetValue(key, out var known) ? known : (now, false);
            if (open && !raised && now - since >= _live.DeviceOfflineAlertAfter)
            {
                var condition = $"device-offline-{device.TerminalId}-{device.Kind}";
                var evidence = new InterventionEvidence(
                    $"{context.Profile.Name}: {device.Kind} of terminal {device.TerminalId} offline since {TimeZoneInfo.ConvertTime(since, context.TimeZone):HH:mm} during opening hours",
                    null,
                    null,
                    null,
                    now,
                    Facts: new EvidenceFacts(EvidenceFacts.DeviceOffline, TerminalId: device.TerminalId, DeviceKind: device.Kind, Since: since));
                await GrainFactory.GetGrain<IInterventionGrain>(InterventionConditions.GrainKey(StoreId, condition))
                    .Raise(store with { Kind = "device", Id = $"{StoreId}/{device.TerminalId}/{device.Kind}" }, evidence, InterventionSeverities.Medium, InterventionAssignees.FieldSupervisorOf(context.Profile.RegionId));
                raised = true;
            }

            _offline[key] = (since, raised);
        }
    }

    private void UpdateBands(StoreContext context, DateTimeOffset now)
    {
        var (day, month) = Evaluate(context, now);
        _state.State.DayBand = (int)day.Status;
        _state.State.MonthBand = (int)month.Status;
    }

    private async Task<StoreProgress> BuildProgress(StoreContext context, DateTimeOffset now)
    {
        var state = _state.State;
        var (day, month) = Evaluate(context, now);
        var hot = await RankHotItems(context, now);

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
            [.. _recentSales],
            Agent());
    }

    private ImmutableArray<HourFigure> Hours(StoreContext context)
    {
        var state = _state.State;
        var expected = TargetPacing.ExpectedByHour(TargetPacing.DayTarget(context.MonthTarget, state.Day, context.Pacing), state.Day, context.Pacing);
        return [.. Enumerable.Range(0, 24).Select(h => new HourFigure(h, state.DayHours[h], Round(expected[h])))];
    }

    /// <summary>
    /// The store's hot list: every item of the window ranked by its lift against the usual velocity of this hour of
    /// the week. The usual velocity is reloaded here, on the first publish or read after the store-local hour changed
    /// (an active store's refresh timer publishes every <see cref="LiveOptions.RefreshInterval"/>): an idle store costs
    /// nothing, and no loop walks all stores on the hour.
    /// </summary>
    private async Task<ImmutableArray<HotItemNow>> RankHotItems(StoreContext context, DateTimeOffset now)
    {
        if (!_usual.Covers(context.LocalTime(now)))
        {
            try
            {
                _usual = await LoadUsualVelocity(context, now, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A board with last hour's baseline beats no board: keep it, and try again on the next publish.
                LogUsualNotLoaded(ex, StoreId, _usual.HourStart);
            }
        }

        var ranked = HotItemRanking.Rank(_hotItems.Top(int.MaxValue, now), _usual, _hotItems.Window, _live.HotItemCount, _hotItemOptions);
        await LoadItemNames(ranked.Select(r => r.ItemCode));
        return [.. ranked.Select(r => new HotItemNow(
            r.ItemCode,
            _itemNames.GetValueOrDefault(r.ItemCode),
            r.Units,
            Round(r.UnitsPerHour),
            r.Lift.Lift,
            Round(r.UsualUnitsPerHour),
            r.Lift.IsHot))];
    }

    private async Task<UsualVelocity> LoadUsualVelocity(StoreContext context, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var usual = await _ledger.ReadUsualVelocity(StoreId, UsualVelocity.HourOf(context.LocalTime(now)), _hotItemOptions.UsualWeeks, cancellationToken);
        LogUsualLoaded(StoreId, usual.HourStart, usual.ItemCount, usual.WeeksObserved);
        return usual;
    }

    private async Task LoadItemNames(IEnumerable<string> codes)
    {
        var missing = codes.Where(c => !_itemNames.ContainsKey(c)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var names = await _directory.GetItemNames(missing, CancellationToken.None);
        foreach (var code in missing)
        {
            // Remember unknown items too, so an uncatalogued code is not looked up on every publish.
            _itemNames[code] = names.GetValueOrDefault(code, code);
        }
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
    }

    private async Task RefreshPace(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        if (_context is null || now - _context.LoadedAt > _live.MasterDataRefreshInterval)
        {
            _context = await LoadContext(cancellationToken);
        }

        RollOver(_context, now);
        UpdateBands(_context, now);
        _hotItems.Prune(now);

        // Also where devices go offline when the agent fell silent: Publish sees the changed device list.
        await Publish(force: false);
        await RaiseAlerts(_context, now);
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
        await GrainFactory.GetGrain<IRegionGrain>(context.Profile.RegionId).ReportStore(progress);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId}: live figures rebuilt from {Sales} sales in the ledger; month actual {MonthActual}")]
    private partial void LogRebuilt(string storeId, int sales, decimal monthActual);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Store {StoreId}: {Applied} sales counted, {Repeated} already counted; day actual {DayActual}")]
    private partial void LogApplied(string storeId, int applied, int repeated, decimal dayActual);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Store {StoreId}: usual item velocity for the hour from {HourStart} loaded: {Items} items over {Weeks} weeks with sales")]
    private partial void LogUsualLoaded(string storeId, DateTime hourStart, int items, int weeks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: usual item velocity for the new hour could not be read; keeping the one from {HourStart}")]
    private partial void LogUsualNotLoaded(Exception exception, string storeId, DateTime hourStart);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Store {StoreId}: heartbeat from agent {AgentId}, {Online} of {Devices} devices online, outbox {OutboxDepth}")]
    private partial void LogHeartbeat(string storeId, string agentId, int online, int devices, long outboxDepth);

    private sealed record StoreContext(StoreProfile Profile, TimeZoneInfo TimeZone, decimal MonthTarget, PacingProfile Pacing, DateTimeOffset LoadedAt)
    {
        public DateTime LocalTime(DateTimeOffset now) => TimeZoneInfo.ConvertTime(now, TimeZone).DateTime;
    }
}
