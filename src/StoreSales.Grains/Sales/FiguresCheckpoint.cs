using StoreSales.Domain.Sales;
using StoreSales.Domain.Targets;
using StoreSales.Grains.Stores;

namespace StoreSales.Grains.Sales;

/// <summary>
/// Day and month figures counted in memory from sales, each once by its sequence log, and written to grain storage
/// now and then as a checkpoint (with the logs, one row). What a store and a rep do alike; each completes a checkpoint
/// from the ledger in its own way (<see cref="StoreCheckpoint"/>, <see cref="Reps.RepCheckpoint"/>). The ledger is
/// committed before a sale reaches the grain, so a crash between that commit and the next checkpoint loses nothing.
/// </summary>
internal abstract class FiguresCheckpoint<TState>(IPersistentState<TState> storage, LiveOptions live)
    where TState : class, ILiveFigures
{
    private long _checkpointedVersion;
    private int _countedSinceCheckpoint;

    public TState State => storage.State;

    /// <summary>Figures changed since the last checkpoint.</summary>
    public bool Changed => State.Version != _checkpointedVersion;

    /// <summary>Enough sales counted since the last checkpoint that waiting for the interval would make the tail long.</summary>
    public bool Due => _countedSinceCheckpoint >= live.CheckpointAfterSales;

    // One live log per key: rebuilding a log from the state's list for every sale would cost O(gaps) each.
    protected Dictionary<string, SequenceLog> Logs { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// True when the sale <paramref name="sequence"/> under <paramref name="logKey"/> is in the figures: at or below the
    /// log's watermark (a gap given up past the out-of-order bound reads as counted too), or kept above it.
    /// </summary>
    public bool Has(string logKey, long sequence) =>
        Logs.TryGetValue(logKey, out var log) && (sequence <= log.Watermark || log.Above.Contains(sequence));

    /// <summary>Marks a change the boards should see (one version per batch, not per sale).</summary>
    public void Touch(DateTimeOffset now)
    {
        State.Version++;
        State.UpdatedAt = now;
    }

    /// <summary>Starts a new day or month when the local calendar has moved on.</summary>
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
            OnNewMonth();
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
    /// Writes the figures and the sequence logs as one row. Runs in a non-interleaved grain turn (a timer or
    /// deactivation), so no sale is counted while the state is serialized.
    /// </summary>
    /// <remarks>
    /// The logs' copy in the state (<see cref="ILiveFigures.Terminals"/>) is built for the write only and dropped after
    /// it, written or not: the live logs are the record, and a grain holding it twice would double its memory.
    /// </remarks>
    public async Task Write(CancellationToken cancellationToken)
    {
        var version = State.Version;
        var counted = _countedSinceCheckpoint;
        State.Terminals = Logs.ToDictionary(
            l => l.Key,
            l => new TerminalSequences { Watermark = l.Value.Watermark, Above = [.. l.Value.Above] },
            StringComparer.Ordinal);
        try
        {
            await storage.WriteStateAsync(cancellationToken);
        }
        finally
        {
            State.Terminals = new(StringComparer.Ordinal);
        }

        _checkpointedVersion = version;
        _countedSinceCheckpoint -= counted;
    }

    /// <summary>Takes the checkpoint read at activation as this activation's starting point (the logs; the state's copy is dropped).</summary>
    protected void LoadCheckpoint()
    {
        foreach (var (key, sequences) in State.Terminals)
        {
            Logs[key] = new SequenceLog(sequences.Watermark, sequences.Above);
        }

        State.Terminals = new(StringComparer.Ordinal);
        _checkpointedVersion = State.Version;
    }

    /// <summary>
    /// Counts a sale into the figures unless its sequence is already in the log under <paramref name="logKey"/>; false
    /// for a repeat. A new key starts with an empty log.
    /// </summary>
    protected bool TryCount(string logKey, long sequence, DateTimeOffset rungUpAt, decimal total, TimeZoneInfo zone)
    {
        if (!Logs.TryGetValue(logKey, out var log))
        {
            Logs[logKey] = log = new SequenceLog();
        }

        if (!log.TryMark(sequence, live.MaxOutOfOrderSequences))
        {
            return false;
        }

        var state = State;
        var local = TimeZoneInfo.ConvertTime(rungUpAt, zone).DateTime;
        var day = DateOnly.FromDateTime(local);
        if (day.Year == state.Month.Year && day.Month == state.Month.Month)
        {
            state.MonthActual += total;
            state.MonthSales += total >= 0 ? 1 : 0;
        }

        if (day == state.Day)
        {
            state.DayActual += total;
            state.DaySales += total >= 0 ? 1 : 0;
            state.DayHours[local.Hour] += total;
        }

        _countedSinceCheckpoint++;
        return true;
    }

    /// <summary>
    /// Records that <paramref name="counted"/> sales of the ledger tail were counted. Every batch counted before a crash
    /// raised the version by one at most, so adding the tail's count keeps the version above anything already published.
    /// </summary>
    protected void TailCounted(int counted, DateTimeOffset now)
    {
        State.Version += counted;
        State.UpdatedAt = now;
    }

    /// <summary>A new month started (<see cref="RollOver"/>): the figures are reset already.</summary>
    protected virtual void OnNewMonth()
    {
    }

    /// <summary>The first moment of the state's month in <paramref name="zone"/>.</summary>
    protected DateTimeOffset MonthStart(TimeZoneInfo zone)
    {
        var start = State.Month.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(start, zone.GetUtcOffset(start));
    }
}
