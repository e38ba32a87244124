using System.Diagnostics;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using StoreSales.Contracts.Ingest;

namespace StoreSales.Benchmarks;

/// <summary>The ceiling over any ingest design: binary COPY of the same rows into empty copies of the ledger tables.</summary>
internal static class CopyBaseline
{
    // Every column of the table as the ledger has it, so that a column added later is copied too; but received_at, which
    // the group commit leaves to its default (LedgerGroupCommit's COPY), and so does this.
    private const string ColumnsSql = """
        SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
        WHERE attrelid = @table::regclass AND attnum > 0 AND NOT attisdropped AND attname <> 'received_at'
        """;

    /// <summary>
    /// The last <paramref name="sales"/> sales the ingest wrote, and the last <paramref name="sales"/> × <paramref name="linesPerSale"/>
    /// lines, read back from the ledger in the order they were written (physical order: the stores' tills interleaved as the
    /// group commits wrote them, every column as recorded) and timed through one connection's binary COPY, the client only
    /// passing PostgreSQL's own bytes on. Issue 13's "binary COPY of the same rows".
    /// </summary>
    public static async Task<CopyResult> LedgerRows(NpgsqlDataSource dataSource, int sales, int linesPerSale)
    {
        var lines = (long)sales * linesPerSale;
        await using var connection = await CreateEmptyCopies(dataSource);
        var saleColumns = await connection.ExecuteScalarAsync<string>(ColumnsSql, new { table = "sale" });
        var lineColumns = await connection.ExecuteScalarAsync<string>(ColumnsSql, new { table = "sale_line" });
        var saleRows = await RawCopy.Out(dataSource,
            $"COPY (SELECT {saleColumns} FROM (SELECT ctid AS at, * FROM sale ORDER BY ctid DESC LIMIT {sales}) s ORDER BY at) TO STDOUT (FORMAT BINARY)");
        var lineRows = await RawCopy.Out(dataSource,
            $"COPY (SELECT {lineColumns} FROM (SELECT ctid AS at, * FROM sale_line ORDER BY ctid DESC LIMIT {lines}) l ORDER BY at) TO STDOUT (FORMAT BINARY)");

        var clock = Stopwatch.StartNew();
        await RawCopy.In(connection, $"COPY copy_sale ({saleColumns}) FROM STDIN (FORMAT BINARY)", saleRows);
        await RawCopy.In(connection, $"COPY copy_sale_line ({lineColumns}) FROM STDIN (FORMAT BINARY)", lineRows);
        var elapsed = clock.Elapsed;
        await DropCopies(connection);
        return new CopyResult(sales, lines, elapsed);
    }

    /// <summary>
    /// The baseline until 55a2d4c, printed beside the other for comparison with the figures measured against it:
    /// generated sales of one store's one till with ascending sequences (each index then grows at its right edge only),
    /// empty tenders, no content hash, encoded value by value by Npgsql's importer.
    /// </summary>
    public static async Task<CopyResult> OneTillGenerated(NpgsqlDataSource dataSource, SaleBatches batches, int sales, int linesPerSale)
    {
        var random = new Random(42);
        var rows = Enumerable.Range(1, sales).Select(i => batches.Sale("C01", i, random, linesPerSale)).ToList();
        await using var connection = await CreateEmptyCopies(dataSource);
        var clock = Stopwatch.StartNew();
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY copy_sale (store_id, terminal_id, sequence, kind, rung_up_at, captured_at, cashier_id, total, tenders) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var sale in rows)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync("bench-copy");
                await importer.WriteAsync(sale.TerminalId);
                await importer.WriteAsync(sale.Sequence);
                await importer.WriteAsync(sale.Kind);
                await importer.WriteAsync(sale.RungUpAt.UtcDateTime, NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(sale.CapturedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(sale.CashierId);
                await importer.WriteAsync(sale.Total, NpgsqlDbType.Numeric);
                await importer.WriteAsync("[]", NpgsqlDbType.Jsonb);
            }

            await importer.CompleteAsync();
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY copy_sale_line (store_id, terminal_id, sequence, line_number, item_code, quantity, unit_price, discount, amount) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var sale in rows)
            {
                foreach (var line in sale.Lines)
                {
                    await importer.StartRowAsync();
                    await importer.WriteAsync("bench-copy");
                    await importer.WriteAsync(sale.TerminalId);
                    await importer.WriteAsync(sale.Sequence);
                    await importer.WriteAsync(line.LineNumber);
                    await importer.WriteAsync(line.ItemCode);
                    await importer.WriteAsync(line.Quantity, NpgsqlDbType.Numeric);
                    await importer.WriteAsync(line.UnitPrice, NpgsqlDbType.Numeric);
                    await importer.WriteAsync(line.Discount, NpgsqlDbType.Numeric);
                    await importer.WriteAsync(line.Amount, NpgsqlDbType.Numeric);
                }
            }

            await importer.CompleteAsync();
        }

        var elapsed = clock.Elapsed;
        await DropCopies(connection);
        return new CopyResult(sales, (long)sales * linesPerSale, elapsed);
    }

    /// <summary>Empty copies of <c>sale</c> and <c>sale_line</c> with their keys and indexes (no triggers); the connection to fill them.</summary>
    private static async Task<NpgsqlConnection> CreateEmptyCopies(NpgsqlDataSource dataSource)
    {
        var connection = await dataSource.OpenConnectionAsync();
        await using var create = new NpgsqlCommand(
            "DROP TABLE IF EXISTS copy_sale_line, copy_sale; CREATE TABLE copy_sale (LIKE sale INCLUDING ALL); CREATE TABLE copy_sale_line (LIKE sale_line INCLUDING ALL);",
            connection);
        await create.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>
    /// Drops the copies once timed: left behind, their dirty pages (two million lines) went to disk at the next checkpoints
    /// and autovacuum visited them, both during the phases measured after the baseline (seen in PostgreSQL's log:
    /// autovacuum of <c>copy_sale_line</c> beside a slow probe). Dropped, their buffers are discarded unwritten.
    /// </summary>
    private static async Task DropCopies(NpgsqlConnection connection)
    {
        await using var drop = new NpgsqlCommand("DROP TABLE copy_sale_line, copy_sale", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

internal sealed record CopyResult(long Sales, long Lines, TimeSpan Elapsed)
{
    public double SalesPerSecond => Sales / Elapsed.TotalSeconds;

    public double LinesPerSecond => Lines / Elapsed.TotalSeconds;
}
