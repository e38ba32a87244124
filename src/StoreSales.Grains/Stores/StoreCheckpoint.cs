using Microsoft.Extensions.Logging;
using StoreSales.Abstractions.Stores;
using StoreSales.Domain.Sales;
using StoreSales.Domain.Sales.History;
using StoreSales.Grains.Sales;

namespace StoreSales.Grains.Stores;

/// <summary>
/// A store's figures and the record of which sales they contain, one sequence log per terminal. Sales are counted in
/// memory as they arrive; the state is written to grain storage now and then as a checkpoint; on activation the
/// checkpoint is completed from the ledger tail above it. The ledger is committed before a sale reaches the grain, so a
/// crash between that commit and the next checkpoint loses nothing: the reactivated store counts the same sales from the
/// ledger.
/// </summary>
internal sealed partial class StoreCheckpoint(IPersistentState<StoreState> storage, IStoreLedgerReader ledger, LiveOptions live, ILogger logger)
    : FiguresCheckpoint<StoreState>(storage, live)
{
    /// <summary>
    /// Completes the checkpoint read at activation with the ledger tail: every terminal's sales above the checkpoint's
    /// watermark rung up this month, and every sale this month of a terminal the checkpoint never saw. Figures only:
    /// hot items and the ticker come from the last hour's read, so no sale is added to them twice.
    /// </summary>
    /// <returns>The tail's sales that were counted now (for the ticker).</returns>
    public async Task<IReadOnlyList<StoreSale>> Restore(string storeId, TimeZoneInfo zone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        LoadCheckpoint();
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
        var watermarks = Logs.ToDictionary(l => l.Key, l => l.Value.Watermark, StringComparer.Ordinal);
        var tail = await ledger.ReadTail(storeId, watermarks, monthStart, cancellationToken);
        foreach (var terminal in tail.GroupBy(s => s.TerminalId, StringComparer.Ordinal).Where(t => !Logs.ContainsKey(t.Key)))
        {
            // Sequences before this month's first are last month's: already outside the live figures. An imported till's
            // sequences are its sales' seconds (HistoryTerminals), so its log starts at the month's first second instead:
            // a later import of earlier days of this month is then still above the watermark and counted.
            Logs[terminal.Key] = new SequenceLog(terminal.Key.StartsWith(HistoryTerminals.Prefix, StringComparison.Ordinal)
                ? monthStart.ToUnixTimeSeconds() - 1
                : terminal.Min(s => s.Sequence) - 1);
        }

        var counted = tail.Where(sale => TryCount(sale, zone)).ToList();
        if (counted.Count > 0)
        {
            TailCounted(counted.Count, now);
            LogTailCounted(storeId, counted.Count, tail.Count, State.MonthActual);
        }

        return counted;
    }

    /// <summary>Counts the sale into the figures unless its (terminal, sequence) already is; false for a repeat.</summary>
    public bool TryCount(StoreSale sale, TimeZoneInfo zone) => TryCount(sale.TerminalId, sale.Sequence, sale.RungUpAt, sale.Total, zone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId}: {Counted} of {Tail} sales of the ledger tail counted; month actual {MonthActual}")]
    private partial void LogTailCounted(string storeId, int counted, int tail, decimal monthActual);
}
