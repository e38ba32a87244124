using Npgsql;
using NpgsqlTypes;
using StoreSales.Domain.Sales.History;

namespace StoreSales.Data.History;

/// <summary>
/// One COPY row of each kind the history import writes. Why a method per row rather than the loop's body: the runtime
/// optimises a method once it has been called often, and a chunk's copy loop runs once per chunk, so the loop's own state
/// machine stayed at its first, instrumented tier for the whole of it (two thirds of the client's CPU in a 2,000,000-row
/// import went to that instrumentation, docs/benchmarks.md "History import"). Called once per row, these are optimised
/// after the first few hundred rows, and the loops that call them do almost nothing themselves.
/// </summary>
internal static class HistoryCopyRows
{
    /// <summary>A sale straight into the ledger's <c>sale</c>: store, terminal, sequence, kind, rung up, captured, total.</summary>
    public static async ValueTask LedgerSale(NpgsqlBinaryImporter copy, PlannedSale sale, CancellationToken cancellationToken)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(sale.Sequence).UtcDateTime;
        await copy.StartRowAsync(cancellationToken);
        await copy.WriteAsync(sale.StoreId, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(sale.TerminalId, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(sale.Sequence, NpgsqlDbType.Bigint, cancellationToken);
        await copy.WriteAsync("sale", NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(at, NpgsqlDbType.TimestampTz, cancellationToken);
        await copy.WriteAsync(at, NpgsqlDbType.TimestampTz, cancellationToken);
        await copy.WriteAsync(ExactDecimal.Cents(sale.Cents), NpgsqlDbType.Numeric, cancellationToken);
    }

    /// <summary>A line straight into the ledger's <c>sale_line</c>, numbered within its sale.</summary>
    public static async ValueTask LedgerLine(NpgsqlBinaryImporter copy, HistoryLine line, int lineNumber, CancellationToken cancellationToken)
    {
        await copy.StartRowAsync(cancellationToken);
        await copy.WriteAsync(line.StoreId, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(line.TerminalId, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(line.Sequence, NpgsqlDbType.Bigint, cancellationToken);
        await copy.WriteAsync(lineNumber, NpgsqlDbType.Integer, cancellationToken);
        await copy.WriteAsync(line.ItemCode, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(ExactDecimal.Thousandths(line.MilliUnits), NpgsqlDbType.Numeric, cancellationToken);
        await copy.WriteAsync(ExactDecimal.Cents(line.UnitCents), NpgsqlDbType.Numeric, cancellationToken);
        await copy.WriteAsync(ExactDecimal.Cents(line.Cents), NpgsqlDbType.Numeric, cancellationToken);
    }

    /// <summary>A sale into the re-import's staging table, its total in whole cents.</summary>
    public static async ValueTask StagedSale(NpgsqlBinaryImporter copy, PlannedSale sale, CancellationToken cancellationToken)
    {
        await copy.StartRowAsync(cancellationToken);
        await copy.WriteAsync(sale.StoreId, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(sale.TerminalId, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(sale.Sequence, NpgsqlDbType.Bigint, cancellationToken);
        await copy.WriteAsync(DateTimeOffset.FromUnixTimeSeconds(sale.Sequence).UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
        await copy.WriteAsync(sale.Cents, NpgsqlDbType.Bigint, cancellationToken);
    }

    /// <summary>A line into the re-import's staging table, in whole thousandths and cents, with its store-local hour.</summary>
    public static async ValueTask StagedLine(NpgsqlBinaryImporter copy, HistoryLine line, int lineNumber, CancellationToken cancellationToken)
    {
        await copy.StartRowAsync(cancellationToken);
        await copy.WriteAsync(line.StoreId, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(line.TerminalId, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(line.Sequence, NpgsqlDbType.Bigint, cancellationToken);
        await copy.WriteAsync(lineNumber, NpgsqlDbType.Integer, cancellationToken);
        await copy.WriteAsync(line.ItemCode, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(line.MilliUnits, NpgsqlDbType.Bigint, cancellationToken);
        await copy.WriteAsync(line.UnitCents, NpgsqlDbType.Bigint, cancellationToken);
        await copy.WriteAsync(line.Cents, NpgsqlDbType.Bigint, cancellationToken);
        await copy.WriteAsync(line.LocalHour, NpgsqlDbType.Timestamp, cancellationToken);
    }

    /// <summary>A new hour of the rollup <c>sale_item_hour</c>.</summary>
    public static async ValueTask RollupHour(NpgsqlBinaryImporter copy, PlannedHour hour, CancellationToken cancellationToken)
    {
        await copy.StartRowAsync(cancellationToken);
        await copy.WriteAsync(hour.StoreId, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(hour.LocalHour, NpgsqlDbType.Timestamp, cancellationToken);
        await copy.WriteAsync(hour.ItemCode, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(ExactDecimal.Thousandths(hour.MilliUnits), NpgsqlDbType.Numeric, cancellationToken);
        await copy.WriteAsync(ExactDecimal.Cents(hour.Cents), NpgsqlDbType.Numeric, cancellationToken);
        await copy.WriteAsync(hour.Lines, NpgsqlDbType.Integer, cancellationToken);
    }
}
