using Microsoft.Extensions.Logging;
using StoreSales.Abstractions.Stores;
using StoreSales.Domain.Sales;
using StoreSales.Domain.Targets;

namespace StoreSales.Grains.Stores;

/// <summary>
/// A store's figures and the record of which sales they contain. Sales are counted in memory as they arrive; the
/// state is written to grain storage now and then as a checkpoint; on activation the checkpoint is completed from the
/// ledger tail above it. The ledger is committed before a sale reaches the grain, so a crash between that commit and
/// the next checkpoint loses nothing: the reactivated store counts the same sales from the ledger.
/// </summary>
internal sealed partial class StoreCheckpoint(IPersistentState<StoreState> storage, IStoreLedgerReader ledger, LiveOptions live, ILogger logger)
{
    // One live log per terminal: rebuilding a SortedSet from the state's list for every sale would cost O(gaps) each.
    private readonly Dictionary<string, SequenceLog> _logs = new(StringComparer.Ordinal);
    private long _checkpointedVersion;
    private int _countedSinceCheckpoint;

    public StoreState State => storage.State;

    /// <summary>Figures changed since the last checkpoint.</summary>
    public bool Changed => State.Version != _checkpointedVersion;

    /// <summary>Enough sales counted since the last checkpoint that waiting for the interval would make the tail long.</summary>
    public bool Due => _countedSinceCheckpoint >= live.CheckpointAfterSales;

    /// <summary>
    /// Completes the checkpoint read at activation with the ledger tail: every terminal's sales above the checkpoint's
    /// watermark rung up this month, and every sale this month of a terminal the checkpoint never saw. Figures only:
    /// hot items and the ticker come from the last hour's read, so no sale is added to them twice.
    /// </summary>
    /// <returns>The tail's sales that were counted now (for the ticker).</returns>
    public async Task<IReadOnlyList<StoreSale>> Restore(string storeId, TimeZoneInfo zone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var (terminal, sequences) in State.Terminals)
        {
            _logs[terminal] = new SequenceLog(sequences.Watermark, sequences.Above);
        }

        _checkpointedVersion = State.Version;
        return await CountTail(storeId, zone, now, cancellationToken);
    }

    /// <summary>
    /// Counts what the ledger holds above this activation's watermarks: on activation the tail after the checkpoint,
    /// later the sales of an ApplySales that never arrived (its caller timed out and the message expired).
    /// </summary>
    /// <returns>The sales counted now.</returns>
    public async Task<IReadOnlyList<StoreSale>> CountTail(string storeId, TimeZoneInfo zone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        RollOver(zone, now);
        var monthStart = MonthStart(zone);
        var watermarks = _logs.ToDictionary(l => l.Key, l => l.Value.Watermark, StringComparer.Ordinal);
        var tail = await ledger.ReadTail(storeId, watermarks, monthStart, cancellationToken);
        foreach (var terminal in tail.GroupBy(s => s.TerminalId, StringComparer.Ordinal).Where(t => !_logs.ContainsKey(t.Key)))
        {
            // Sequences before this month's first are last month's: already outside the live figures.
            _logs[terminal.Key] = new SequenceLog(terminal.Min(s => s.Sequence) - 1);
        }

        var counted = tail.Where(sale => TryCount(sale, zone)).ToList();
        if (counted.Count > 0)
        {
            // Every batch counted before a crash raised the version by one at most, so adding the tail's sales keeps
            // the version above anything already published: boards that keep the newest do not ignore the store.
            State.Version += counted.Count;
            State.UpdatedAt = now;
            LogTailCounted(storeId, counted.Count, tail.Count, State.MonthActual);
        }

        return counted;
    }

    /// <summary>Counts the sale into the figures unless its (terminal, sequence) already is; false for a repeat.</summary>
    public bool TryCount(StoreSale sale, TimeZoneInfo zone)
    {
        if (!_logs.TryGetValue(sale.TerminalId, out var log))
        {
            _logs[sale.TerminalId] = log = new SequenceLog();
        }

        if (!log.TryMark(sale.Sequence, live.MaxOutOfOrderSequences))
        {
            return false;
        }

        var state = State;
        var local = TimeZoneInfo.ConvertTime(sale.RungUpAt, zone).DateTime;
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

        _countedSinceCheckpoint++;
        return true;
    }

    /// <summary>Marks a change the boards should see (one version per batch, not per sale).</summary>
    public void Touch(DateTimeOffset now)
    {
        State.Version++;
        State.UpdatedAt = now;
    }

    /// <summary>Starts a new day or month when the store's local calendar has moved on.</summary>
    public void RollOver(TimeZoneInfo zone, DateTimeOffset now)
    {
        var state = State;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
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

    /// <summary>
    /// Writes the figures and the per-terminal sequence logs as one row. Runs in a non-interleaved grain turn (a timer or
    /// deactivation), so no sale is counted while the state is serialized.
    /// </summary>
    public async Task Write(CancellationToken cancellationToken)
    {
        var version = State.Version;
        var counted = _countedSinceCheckpoint;
        State.Terminals = _logs.ToDictionary(
            l => l.Key,
            l => new TerminalSequences { Watermark = l.Value.Watermark, Above = [.. l.Value.Above] },
            StringComparer.Ordinal);
        await storage.WriteStateAsync(cancellationToken);
        _checkpointedVersion = version;
        _countedSinceCheckpoint -= counted;
    }

    private DateTimeOffset MonthStart(TimeZoneInfo zone)
    {
        var start = State.Month.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(start, zone.GetUtcOffset(start));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId}: {Counted} of {Tail} sales of the ledger tail counted; month actual {MonthActual}")]
    private partial void LogTailCounted(string storeId, int counted, int tail, decimal monthActual);
}
