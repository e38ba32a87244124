using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using StoreSales.Data.History;
using StoreSales.Testing;

namespace StoreSales.Benchmarks;

/// <summary>
/// Issue 10's history import speed: a generated file of <c>--rows</c> sale lines (1–4 a sale) over the demo chain's stores,
/// uploaded and written chunk by chunk exactly as the command center's worker does, against a PostgreSQL with fsync on.
/// Reports the upload (read, check, pack) and the ledger writes apart, and the two together; then the ceiling on this
/// machine: binary COPY of the very rows the import wrote into empty copies of <c>sale</c> and <c>sale_line</c> (with their
/// keys and indexes, without foreign keys, as issue 13's baseline), in as many parallel streams as chunks were in flight,
/// once without and once with the rollup rows the import wrote (the import writes those too, in the same transactions).
/// </summary>
internal static class HistoryImportLoad
{
    public static async Task Run(int rows, int chunkRows, int inFlight)
    {
        Console.WriteLine($"StoreSales history import  {DateTime.UtcNow:u}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine($"PostgreSQL: {TestDatabase.ServerConnectionString} (must run with fsync on)");
        await using var database = await TestDatabase.Create("histbench");
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            Console.WriteLine($"fsync={await connection.ExecuteScalarAsync<string>("SHOW fsync")}, synchronous_commit={await connection.ExecuteScalarAsync<string>("SHOW synchronous_commit")}");
        }

        var stores = (await database.DataSource.OpenConnection().QueryAsync<string>("SELECT store_id FROM store ORDER BY store_id")).ToList();
        var path = Path.Combine(Path.GetTempPath(), $"storesales-history-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16))
            {
                HistoryCsv.Write(writer, stores, rows, DateTimeOffset.UtcNow.AddDays(-2));
            }

            Console.WriteLine($"file: {rows:N0} rows, {new FileInfo(path).Length / (1024.0 * 1024):N0} MB, {stores.Count} stores");
            var options = Options.Create(new HistoryImportOptions { ChunkRows = chunkRows, ChunksInFlight = inFlight });
            var jobs = new HistoryImportJobs(database.DataSource, options, TimeProvider.System);
            var runner = new HistoryImportRunner(database.DataSource, TimeProvider.System);
            var clock = Stopwatch.StartNew();
            HistoryImportQueued queued;
            await using (var file = File.OpenRead(path))
            {
                queued = (HistoryImportQueued)await jobs.Submit(file, "history.csv", "bench", HistoryBadRows.Skip, CancellationToken.None);
            }

            var upload = clock.Elapsed;
            // The client's share of the chunks' work (unpacking, planning, serialising the COPY rows): this process's CPU time
            // while they are written. The rest is PostgreSQL's, on the same cores.
            var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
            clock.Restart();
            // As the command center's worker: ChunksInFlight writers, each taking the next chunk nobody else holds.
            await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
            {
                while (await runner.RunNextChunk(CancellationToken.None) is not null)
                {
                }
            }));

            var work = clock.Elapsed;
            clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu;
            var job = (await jobs.Find(queued.JobId, null, CancellationToken.None))!;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"history import: {job.RowsDone / work.TotalSeconds:N0} rows/s into the ledger ({job.RowsDone:N0} rows, {job.SalesAdded:N0} sales, chunks {work.TotalSeconds:0.0} s, client CPU {clientCpu.TotalSeconds:0.0} s, chunk {chunkRows:N0} rows, {inFlight} in flight); "
                + $"upload {job.TotalRows / upload.TotalSeconds:N0} rows/s ({upload.TotalSeconds:0.0} s); upload to done {job.RowsDone / (upload + work).TotalSeconds:N0} rows/s"));

            var rollupRows = await database.Count("SELECT count(*) FROM sale_item_hour");
            var dayRows = await database.Count("SELECT count(*) FROM sale_item_day");
            var (lines, took) = await CopyCeiling(database, inFlight, withRollup: false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"COPY of the same rows ({lines:N0} lines and their sales, {inFlight} streams, one transaction each) into empty copies of sale and sale_line: {lines / took.TotalSeconds:N0} rows/s ({took.TotalSeconds:0.0} s)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"history import/COPY ratio: {job.RowsDone / work.TotalSeconds / (lines / took.TotalSeconds):0.00}"));
            var (_, tookWithRollup) = await CopyCeiling(database, inFlight, withRollup: true);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"COPY of the same rows and the import's {rollupRows:N0} + {dayRows:N0} rollup rows (sale_item_hour, {rollupRows / (double)lines:0.00} a line; sale_item_day) into empty copies: {lines / tookWithRollup.TotalSeconds:N0} rows/s ({tookWithRollup.TotalSeconds:0.0} s); history import/COPY with rollup ratio: {job.RowsDone / work.TotalSeconds / (lines / tookWithRollup.TotalSeconds):0.00}"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private const string SaleColumns = "store_id, terminal_id, sequence, kind, rung_up_at, captured_at, total";
    private const string LineColumns = "store_id, terminal_id, sequence, line_number, item_code, quantity, unit_price, amount";
    private const string HourColumns = "store_id, local_hour, item_code, units, amount, lines";
    private const string DayColumns = "store_id, local_day, item_code, units, amount, lines";

    /// <summary>
    /// The import's rows (the database held no sale before it) read back in PostgreSQL's binary COPY format, split by sale
    /// sequence into <paramref name="streams"/> parts, then timed into empty copies of the ledger tables, one part per
    /// connection and transaction at once. Returns the lines written and the time.
    /// </summary>
    private static async Task<(long Lines, TimeSpan Took)> CopyCeiling(TestDatabase database, int streams, bool withRollup)
    {
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                "DROP TABLE IF EXISTS copy_sale, copy_sale_line, copy_sale_item_hour, copy_sale_item_day; "
                + "CREATE TABLE copy_sale (LIKE sale INCLUDING ALL); CREATE TABLE copy_sale_line (LIKE sale_line INCLUDING ALL); "
                + "CREATE TABLE copy_sale_item_hour (LIKE sale_item_hour INCLUDING ALL); CREATE TABLE copy_sale_item_day (LIKE sale_item_day INCLUDING ALL);");
        }

        var parts = new List<(byte[] Sales, byte[] Lines, byte[]? Hours, byte[]? Days)>();
        for (var part = 0; part < streams; part++)
        {
            var where = $"WHERE sequence % {streams} = {part}";
            parts.Add((
                await RawCopy.Out(database.DataSource, $"COPY (SELECT {SaleColumns} FROM sale {where}) TO STDOUT (FORMAT BINARY)"),
                await RawCopy.Out(database.DataSource, $"COPY (SELECT {LineColumns} FROM sale_line {where}) TO STDOUT (FORMAT BINARY)"),
                withRollup
                    ? await RawCopy.Out(database.DataSource, $"COPY (SELECT {HourColumns} FROM sale_item_hour WHERE extract(epoch FROM local_hour)::bigint / 3600 % {streams} = {part}) TO STDOUT (FORMAT BINARY)")
                    : null,
                withRollup
                    ? await RawCopy.Out(database.DataSource, $"COPY (SELECT {DayColumns} FROM sale_item_day WHERE (local_day - date '2000-01-01') % {streams} = {part}) TO STDOUT (FORMAT BINARY)")
                    : null));
        }

        var lines = await database.Count("SELECT count(*) FROM sale_line");
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(parts.Select(async part =>
        {
            await using var connection = await database.DataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await RawCopy.In(connection, $"COPY copy_sale ({SaleColumns}) FROM STDIN (FORMAT BINARY)", part.Sales);
            await RawCopy.In(connection, $"COPY copy_sale_line ({LineColumns}) FROM STDIN (FORMAT BINARY)", part.Lines);
            if (part.Hours is { } hours)
            {
                await RawCopy.In(connection, $"COPY copy_sale_item_hour ({HourColumns}) FROM STDIN (FORMAT BINARY)", hours);
            }

            if (part.Days is { } days)
            {
                await RawCopy.In(connection, $"COPY copy_sale_item_day ({DayColumns}) FROM STDIN (FORMAT BINARY)", days);
            }

            await transaction.CommitAsync();
        }));
        return (lines, clock.Elapsed);
    }
}
