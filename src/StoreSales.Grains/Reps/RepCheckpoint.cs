using Microsoft.Extensions.Logging;
using StoreSales.Abstractions.Reps;
using StoreSales.Grains.Sales;

namespace StoreSales.Grains.Reps;

/// <summary>
/// A rep's figures and the record of which sales they contain: one sequence log per store and terminal the rep sold
/// at, this month only. Counted in memory, checkpointed now and then, completed from the ledger on activation and on
/// the ingest API's request (<see cref="IRepGrain.CatchUpFromLedger"/>): the rep's month is read whole through the
/// partial index on (rep_id, rung_up_at), and what the logs already hold is skipped.
/// </summary>
/// <remarks>
/// Why not a watermark per terminal, as a store reads its tail above: a store sees every sequence of its terminals, so
/// its gaps fill and its watermark rises; a rep sees a sparse subset (the other sales of the till are other reps' or
/// nobody's), so the logs keep each sale of the month above a gap, and a watermark says nothing about what lies above
/// it. A month of one rep's sales is small; logs are dropped when a new month starts.
/// </remarks>
internal sealed partial class RepCheckpoint(IPersistentState<RepState> storage, IRepLedgerReader ledger, LiveOptions live, ILogger logger)
    : FiguresCheckpoint<RepState>(storage, live)
{
    /// <summary>Completes the checkpoint read at activation with the rep's sales of this month in the ledger.</summary>
    /// <returns>How many sales were counted now.</returns>
    public async Task<int> Restore(string repId, TimeZoneInfo zone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        LoadCheckpoint();
        return await CountTail(repId, zone, now, cancellationToken);
    }

    /// <summary>Counts the rep's sales of this month that the ledger holds and the figures do not.</summary>
    /// <returns>How many sales were counted now.</returns>
    public async Task<int> CountTail(string repId, TimeZoneInfo zone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        RollOver(zone, now);
        var month = await ledger.ReadSince(repId, MonthStart(zone), cancellationToken);
        var counted = month.Count(sale => TryCount(sale, zone));
        if (counted > 0)
        {
            TailCounted(counted, now);
            LogTailCounted(repId, counted, month.Count, State.MonthActual);
        }

        return counted;
    }

    /// <summary>Counts the sale into the figures unless its (store, terminal, sequence) already is; false for a repeat.</summary>
    public bool TryCount(RepSale sale, TimeZoneInfo zone) =>
        TryCount(string.Concat(sale.StoreId, "/", sale.TerminalId), sale.Sequence, sale.RungUpAt, sale.Total, zone);

    // A sale of an earlier month no longer changes the figures: forgetting the month's logs bounds them.
    protected override void OnNewMonth() => Logs.Clear();

    [LoggerMessage(Level = LogLevel.Information, Message = "Rep {RepId}: {Counted} of the month's {Month} sales in the ledger counted; month actual {MonthActual}")]
    private partial void LogTailCounted(string repId, int counted, int month, decimal monthActual);
}
