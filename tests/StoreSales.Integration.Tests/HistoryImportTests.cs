using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StoreSales.Data.History;
using StoreSales.Domain.Sales.History;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// History import on a real PostgreSQL with the demo chain's stores: a million-row file written in one run and the same
/// file killed half-way and resumed give the same ledger; the hourly rollup agrees with the lines; importing a file again
/// adds nothing; a bad row is listed with its line (skip) or refuses the file with nothing written (stop).
/// </summary>
public sealed class HistoryImportTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 4, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_million_rows_killed_half_way_and_resumed_give_the_ledger_of_one_uninterrupted_run()
    {
        await using var whole = await TestDatabase.Create("histwhole");
        await using var killed = await TestDatabase.Create("histkill");
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "history.csv");
        IReadOnlyDictionary<string, (long Sales, long Cents)> expected;
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16))
        {
            expected = HistoryCsv.Write(writer, await StoreIds(whole), 1_000_000, Now.AddDays(-2));
        }

        var wholeJob = await Submit(whole, path);
        await RunAll(whole, Cancellation);

        var killedJob = await Submit(killed, path);
        var chunks = (int)await killed.Count("SELECT chunks FROM history_import_job WHERE job_id = @killedJob", new { killedJob });
        using (var kill = CancellationTokenSource.CreateLinkedTokenSource(Cancellation))
        {
            var running = RunAll(killed, kill.Token);
            await Eventually.HoldsPromptly(
                async () => await killed.Count("SELECT chunks_done FROM history_import_job WHERE job_id = @killedJob", new { killedJob }) >= chunks / 2,
                "half the chunks are written",
                TimeSpan.FromSeconds(60),
                Cancellation);
            await kill.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        }

        var stopped = await Job(killed, killedJob);
        Assert.Equal("running", stopped.Status);
        Assert.InRange(stopped.ChunksDone, chunks / 2, chunks - 1);
        Assert.Equal(stopped.RowsDone, await killed.Count("SELECT count(*) FROM sale_line"));

        // Another command center's runner resumes from the lowest chunk left.
        await RunAll(killed, Cancellation);

        var wholeTotals = await Totals(whole);
        Assert.Equal(expected.Where(e => e.Value.Sales > 0).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.Value.Sales, e.Value.Cents)), wholeTotals);
        Assert.Equal(wholeTotals, await Totals(killed));
        Assert.Equal(1_000_000, await killed.Count("SELECT count(*) FROM sale_line"));
        foreach (var (database, jobId) in new[] { (whole, wholeJob), (killed, killedJob) })
        {
            var job = await Job(database, jobId);
            Assert.Equal(("done", 1_000_000L, 0L, expected.Values.Sum(e => e.Sales), 0L), (job.Status, job.RowsDone, job.BadRows, job.SalesAdded, job.SalesHeld));
            Assert.Equal(0, await database.Count("SELECT count(*) FROM history_import_chunk"));
            // The hourly rollup holds exactly what the imported lines hold, per store and local hour.
            Assert.Equal(0, await database.Count(
                """
                SELECT count(*) FROM (
                    SELECT s.store_id, date_trunc('hour', s.rung_up_at AT TIME ZONE st.time_zone) AS local_hour, sum(l.amount) AS amount, sum(l.quantity) AS units, count(*) AS lines
                    FROM sale s JOIN sale_line l USING (store_id, terminal_id, sequence) JOIN store st USING (store_id)
                    GROUP BY 1, 2
                ) ledger FULL JOIN (
                    SELECT store_id, local_hour, sum(amount) AS amount, sum(units) AS units, sum(lines) AS lines FROM sale_item_hour GROUP BY 1, 2
                ) rollup USING (store_id, local_hour)
                WHERE ledger.amount IS DISTINCT FROM rollup.amount OR ledger.units IS DISTINCT FROM rollup.units OR ledger.lines IS DISTINCT FROM rollup.lines
                """));
        }
    }

    [Fact]
    public async Task Bad_rows_are_listed_with_their_line_when_skipped_and_refuse_the_file_when_stopping()
    {
        await using var database = await TestDatabase.Create("histbad");
        var csv = string.Join('\n',
            HistoryCsv.Header,
            "store-sh001,T01,2026-11-03 14:05:09,6901234567892,2,19.90",
            "store-sh001,T01,2026-11-03 14:05:09,6901234567893,1,5.00",      // the same sale's second line
            "store-nowhere,T01,2026-11-03 14:06:00,6901234567892,1,9.95",    // line 4: unknown store
            "store-sh001,T01,2026/11/03 14:07,6901234567892,1,9.95",         // line 5: malformed time
            "store-sh001,T02,2026-11-03 14:08:00,6901234567892,-1,9.95",     // line 6: negative quantity
            "store-sh001,T02,2026-12-05 09:00:00,6901234567892,1,9.95",      // line 7: today, the live path's
            "store-sh001,T02,2026-11-04 10:00:00,6901234567894,3,12.00") + "\n";

        var stop = await Jobs(database).Submit(Stream(csv), "bad.csv", "hq", HistoryBadRows.Stop, Cancellation);
        var refused = Assert.IsType<HistoryImportRefused>(stop);
        Assert.Equal((4L, "store", HistoryRowRule.UnknownStore), (refused.FirstBadRow!.Line, refused.FirstBadRow.Field, refused.FirstBadRow.Reason));
        Assert.Equal(0, await database.Count("SELECT count(*) FROM history_import_job"));

        var skip = Assert.IsType<HistoryImportQueued>(await Jobs(database).Submit(Stream(csv), "bad.csv", "hq", HistoryBadRows.Skip, Cancellation));
        await RunAll(database, Cancellation);

        var job = await Job(database, skip.JobId);
        Assert.Equal(("done", 7L, 4L, 3L, 2L), (job.Status, job.TotalRows, job.BadRows, job.RowsDone, job.SalesAdded));
        var problems = await Jobs(database).Problems(skip.JobId, 0, 100, Cancellation);
        Assert.Equal(
            [(4L, "store", HistoryRowRule.UnknownStore), (5L, "time", HistoryRowRule.BadTime), (6L, "quantity", HistoryRowRule.NotPositive), (7L, "time", HistoryRowRule.TodayOrLater)],
            problems.Select(p => (p.Line, p.Field, p.Reason)));
        Assert.Equal(3690, await database.Count("SELECT sum(total) * 100 FROM sale WHERE store_id = 'store-sh001' AND terminal_id LIKE 'hist:%'"));
        Assert.Equal(2, await database.Count("SELECT count(*) FROM sale_line WHERE terminal_id = 'hist:T01'"));

        // The same file again: every sale is held already (the careful way), nothing is added, the rollup is unchanged.
        var rollup = await database.Count("SELECT sum(amount) * 100 + sum(lines) FROM sale_item_hour");
        var again = Assert.IsType<HistoryImportQueued>(await Jobs(database).Submit(Stream(csv), "bad.csv", "hq", HistoryBadRows.Skip, Cancellation));
        await RunAll(database, Cancellation);
        Assert.Equal(("done", 0L, 2L), ((await Job(database, again.JobId)).Status, (await Job(database, again.JobId)).SalesAdded, (await Job(database, again.JobId)).SalesHeld));
        Assert.Equal(3690, await database.Count("SELECT sum(total) * 100 FROM sale WHERE store_id = 'store-sh001' AND terminal_id LIKE 'hist:%'"));
        Assert.Equal(3, await database.Count("SELECT count(*) FROM sale_line"));
        Assert.Equal(rollup, await database.Count("SELECT sum(amount) * 100 + sum(lines) FROM sale_item_hour"));
    }

    private static HistoryImportJobs Jobs(TestDatabase database, int chunkRows = 50_000) =>
        new(database.DataSource, Options.Create(new HistoryImportOptions { ChunkRows = chunkRows }), new FakeTimeProvider(Now));

    private static async Task<string> Submit(TestDatabase database, string path)
    {
        await using var file = File.OpenRead(path);
        return Assert.IsType<HistoryImportQueued>(await Jobs(database).Submit(file, "history.csv", "hq", HistoryBadRows.Skip, Cancellation)).JobId;
    }

    /// <summary>Writes every chunk left with two writers at once, as the command center's worker does by default.</summary>
    private static async Task RunAll(TestDatabase database, CancellationToken cancellationToken)
    {
        var runner = new HistoryImportRunner(database.DataSource, new FakeTimeProvider(Now));
        await Task.WhenAll(Enumerable.Range(0, new HistoryImportOptions().ChunksInFlight).Select(async _ =>
        {
            while (await runner.RunNextChunk(cancellationToken) is not null)
            {
            }
        }));
    }

    private static async Task<HistoryImportJob> Job(TestDatabase database, string jobId) =>
        (await Jobs(database).Find(jobId, null, Cancellation))!;

    private static async Task<IReadOnlyList<string>> StoreIds(TestDatabase database)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(Cancellation);
        return [.. await connection.QueryAsync<string>("SELECT store_id FROM store ORDER BY store_id")];
    }

    private static async Task<List<(string StoreId, long Sales, long Cents)>> Totals(TestDatabase database)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(Cancellation);
        return [.. await connection.QueryAsync<(string, long, long)>(
            "SELECT store_id, count(*), (sum(total) * 100)::bigint FROM sale WHERE terminal_id LIKE 'hist:%' GROUP BY store_id ORDER BY store_id")];
    }

    private static MemoryStream Stream(string csv) => new(Encoding.UTF8.GetBytes(csv));
}
