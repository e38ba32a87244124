using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using StoreSales.Contracts.Ingest;

namespace StoreSales.Benchmarks;

/// <summary>The floor under any ingest design: binary COPY of the same rows into empty copies of the ledger tables.</summary>
internal static class CopyBaseline
{
    public static async Task<CopyResult> Run(NpgsqlDataSource dataSource, SaleBatches batches, int sales, int linesPerSale)
    {
        var random = new Random(42);
        var rows = Enumerable.Range(1, sales).Select(i => batches.Sale("C01", i, random, linesPerSale)).ToList();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var create = new NpgsqlCommand(
            "DROP TABLE IF EXISTS copy_sale_line, copy_sale; CREATE TABLE copy_sale (LIKE sale INCLUDING ALL); CREATE TABLE copy_sale_line (LIKE sale_line INCLUDING ALL);",
            connection))
        {
            await create.ExecuteNonQueryAsync();
        }

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
        return new CopyResult(sales, (long)sales * linesPerSale, elapsed);
    }
}

internal sealed record CopyResult(long Sales, long Lines, TimeSpan Elapsed)
{
    public double SalesPerSecond => Sales / Elapsed.TotalSeconds;

    public double LinesPerSecond => Lines / Elapsed.TotalSeconds;
}
