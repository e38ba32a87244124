using StoreSales.Domain.Sales.History;

namespace StoreSales.Data.History;

/// <summary>
/// One COPY row of each kind the history import writes, encoded into a <see cref="BinaryCopy"/>. Why a method per row rather
/// than the loop's body: the runtime optimises a method once it has been called often, and a chunk's copy loop runs once per
/// chunk, so the loop's own state machine stayed at its first, instrumented tier for the whole of it (docs/benchmarks.md
/// "History import"). Called once per row, these are optimised after the first few hundred rows, and the loops that call
/// them do almost nothing themselves. Units and amounts are whole thousandths and cents, exact at the ledger's scales.
/// </summary>
internal static class HistoryCopyRows
{
    private const int Cents = 2;
    private const int Thousandths = 3;

    /// <summary>A sale straight into the ledger's <c>sale</c>: store, terminal, sequence, kind, rung up, captured, total.</summary>
    public static void LedgerSale(BinaryCopy copy, PlannedSale sale)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(sale.Sequence).UtcDateTime;
        copy.Row(7);
        copy.Text(sale.StoreId);
        copy.Text(sale.TerminalId);
        copy.BigInt(sale.Sequence);
        copy.Text("sale");
        copy.Timestamp(at);
        copy.Timestamp(at);
        copy.Numeric(sale.Cents, Cents);
    }

    /// <summary>A line straight into the ledger's <c>sale_line</c>, numbered within its sale.</summary>
    public static void LedgerLine(BinaryCopy copy, HistoryLine line, int lineNumber)
    {
        copy.Row(8);
        copy.Text(line.StoreId);
        copy.Text(line.TerminalId);
        copy.BigInt(line.Sequence);
        copy.Int4(lineNumber);
        copy.Text(line.ItemCode);
        copy.Numeric(line.MilliUnits, Thousandths);
        copy.Numeric(line.UnitCents, Cents);
        copy.Numeric(line.Cents, Cents);
    }

    /// <summary>A sale into the re-import's staging table, its total in whole cents.</summary>
    public static void StagedSale(BinaryCopy copy, PlannedSale sale)
    {
        copy.Row(5);
        copy.Text(sale.StoreId);
        copy.Text(sale.TerminalId);
        copy.BigInt(sale.Sequence);
        copy.Timestamp(DateTimeOffset.FromUnixTimeSeconds(sale.Sequence).UtcDateTime);
        copy.BigInt(sale.Cents);
    }

    /// <summary>A line into the re-import's staging table, in whole thousandths and cents, with its store-local hour.</summary>
    public static void StagedLine(BinaryCopy copy, HistoryLine line, int lineNumber)
    {
        copy.Row(9);
        copy.Text(line.StoreId);
        copy.Text(line.TerminalId);
        copy.BigInt(line.Sequence);
        copy.Int4(lineNumber);
        copy.Text(line.ItemCode);
        copy.BigInt(line.MilliUnits);
        copy.BigInt(line.UnitCents);
        copy.BigInt(line.Cents);
        copy.Timestamp(line.LocalHour);
    }

    /// <summary>A new hour of the rollup <c>sale_item_hour</c>.</summary>
    public static void RollupHour(BinaryCopy copy, PlannedHour hour)
    {
        copy.Row(6);
        copy.Text(hour.StoreId);
        copy.Timestamp(hour.LocalHour);
        copy.Text(hour.ItemCode);
        copy.Numeric(hour.MilliUnits, Thousandths);
        copy.Numeric(hour.Cents, Cents);
        copy.Int4(hour.Lines);
    }

    /// <summary>A new day of the rollup <c>sale_item_day</c> (a <see cref="PlannedHour"/> at the day's midnight).</summary>
    public static void RollupDay(BinaryCopy copy, PlannedHour day)
    {
        copy.Row(6);
        copy.Text(day.StoreId);
        copy.Date(DateOnly.FromDateTime(day.LocalHour));
        copy.Text(day.ItemCode);
        copy.Numeric(day.MilliUnits, Thousandths);
        copy.Numeric(day.Cents, Cents);
        copy.Int4(day.Lines);
    }
}
