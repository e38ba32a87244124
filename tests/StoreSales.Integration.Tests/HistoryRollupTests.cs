using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StoreSales.Data.History;
using StoreSales.Data.Ledger;
using StoreSales.Testing;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.Integration.Tests;

/// <summary>
/// The hourly rollup a history import writes, on a real PostgreSQL: new hours are copied, hours the rollup holds already
/// (live sales of those days, another chunk of the file) are added to, and an hour another transaction is writing sends
/// the chunk's rollup to the careful upsert. In each case <c>sale_item_hour</c> equals the ledger's lines summed per store,
/// store-local hour and item, row for row.
/// </summary>
public sealed class HistoryRollupTests
{
    private const string Tea = "6920433218190";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    // Three days back, on the whole hour: a store-local day before today in every zone.
    private static readonly DateTimeOffset Start = new DateTimeOffset(Now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-3);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hours_with_live_sales_are_added_to_by_an_import_of_the_same_day()
    {
        await using var database = await TestDatabase.Create("histrolllive");
        await using (var ledger = new SaleLedger(database.DataSource))
        {
            // A till's sales every 20 minutes over the day's first six hours, tea each time.
            await ledger.Append("store-sh001", [.. Enumerable.Range(0, 18).Select(s => Sale("T01", s + 1, Start.AddMinutes(20 * s), (Tea, 1, 4.50m)))], Cancellation);
        }

        // The history of the whole day: a sale every 5 minutes, tea every other one.
        var csv = Csv(Enumerable.Range(0, 24 * 60 / 5).Select(m => ("store-sh001", "T01", Start.AddMinutes(5 * m), m % 2 == 0 ? Tea : $"69{m % 7:00000000000}", "1", "2.50")));
        var job = await Import(database, csv, chunkRows: 100);

        Assert.Equal(288, job.SalesAdded);
        Assert.Equal((18 * 450) + (6 * 6 * 250), await database.Count(
            """
            SELECT sum(h.amount) * 100 FROM sale_item_hour_all h JOIN store st USING (store_id)
            WHERE h.store_id = 'store-sh001' AND h.item_code = @Tea AND h.local_hour < (@until::timestamptz AT TIME ZONE st.time_zone)
            """,
            new { Tea, until = Start.AddHours(6).UtcDateTime }));
        await AssertRollupEqualsLedger(database);
    }

    [Fact]
    public async Task A_file_exported_till_by_till_and_written_by_two_writers_gives_the_rollup_of_its_lines()
    {
        await using var database = await TestDatabase.Create("histrolltills");
        // Each till's whole two days in turn: every chunk overlaps the hours of the chunks of the other tills.
        var rows = new List<(string, string, DateTimeOffset, string, string, string)>();
        foreach (var store in new[] { "store-sh001", "store-gz001" })
        {
            for (var till = 1; till <= 3; till++)
            {
                var minute = till;
                rows.AddRange(Enumerable.Range(0, 2 * 24 * 4).Select(q =>
                    (store, $"T{minute:00}", Start.AddMinutes((15 * q) + minute), $"69{q % 5:00000000000}", "2", (1 + (q % 9)).ToString("0.00", CultureInfo.InvariantCulture))));
            }
        }

        var job = await Import(database, Csv(rows), chunkRows: 150);

        Assert.Equal(((long)rows.Count, (long)rows.Count), (job.RowsDone, job.SalesAdded));
        Assert.Equal(rows.Sum(r => (long)(decimal.Parse(r.Item6, CultureInfo.InvariantCulture) * 100)), await database.Count("SELECT sum(amount) * 100 FROM sale_item_hour"));
        await AssertRollupEqualsLedger(database);
    }

    [Fact]
    public async Task An_hour_another_transaction_is_writing_makes_the_chunk_upsert_and_both_are_counted()
    {
        await using var database = await TestDatabase.Create("histrollwait");
        var hour = Start.AddHours(5);
        var csv = Csv(Enumerable.Range(0, 36).Select(m => ("store-sz001", "T01", Start.AddHours(4).AddMinutes(5 * m), Tea, "1", "3.00")));

        // A tea sale of 05:10 is in the ledger (a till catching up on that day) and the rollup's fold is adding it to that
        // hour and day, not committed yet.
        await using var live = await database.DataSource.OpenConnectionAsync(Cancellation);
        await using var liveTransaction = await live.BeginTransactionAsync(Cancellation);
        await live.ExecuteAsync(
            """
            INSERT INTO sale (store_id, terminal_id, sequence, kind, rung_up_at, captured_at, total) VALUES ('store-sz001', 'L1', 1, 'sale', @at, @at, 7.00);
            INSERT INTO sale_line (store_id, terminal_id, sequence, line_number, item_code, quantity, unit_price, amount) VALUES ('store-sz001', 'L1', 1, 1, @Tea, 2, 3.50, 7.00);
            INSERT INTO sale_item_hour (store_id, local_hour, item_code, units, amount, lines)
            SELECT store_id, date_trunc('hour', @at::timestamptz AT TIME ZONE time_zone), @Tea, 2, 7.00, 1 FROM store WHERE store_id = 'store-sz001'
            ON CONFLICT (store_id, local_hour, item_code) DO UPDATE
                SET units = sale_item_hour.units + excluded.units, amount = sale_item_hour.amount + excluded.amount, lines = sale_item_hour.lines + excluded.lines;
            INSERT INTO sale_item_day (store_id, local_day, item_code, units, amount, lines)
            SELECT store_id, (@at::timestamptz AT TIME ZONE time_zone)::date, @Tea, 2, 7.00, 1 FROM store WHERE store_id = 'store-sz001'
            ON CONFLICT (store_id, local_day, item_code) DO UPDATE
                SET units = sale_item_day.units + excluded.units, amount = sale_item_day.amount + excluded.amount, lines = sale_item_day.lines + excluded.lines;
            """,
            new { at = hour.AddMinutes(10).UtcDateTime, Tea },
            liveTransaction);

        var importing = Import(database, csv, chunkRows: 1000);
        // The chunk's COPY of that hour waits, gives up after its short lock wait, and the whole rollup is upserted: that
        // upsert waits for the live transaction, as rollup upserts (staged groups, folds) wait for each other.
        await Eventually.Holds(
            async () => await database.Count(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO sale_item_hour%ON CONFLICT%'") == 1,
            "the chunk's upsert waits for the live transaction",
            TimeSpan.FromSeconds(30),
            Cancellation);
        await liveTransaction.CommitAsync(Cancellation);
        var job = await importing;

        Assert.Equal(("done", 36L), (job.Status, job.SalesAdded));
        Assert.Equal(700 + (12 * 300), await database.Count(
            """
            SELECT h.amount * 100 FROM sale_item_hour h JOIN store st USING (store_id)
            WHERE h.store_id = 'store-sz001' AND h.item_code = @Tea AND h.local_hour = date_trunc('hour', @hour::timestamptz AT TIME ZONE st.time_zone)
            """,
            new { hour = hour.UtcDateTime, Tea }));
        await AssertRollupEqualsLedger(database);
    }

    /// <summary>Uploads the file and writes it with two writers, as the command center's worker does.</summary>
    private static async Task<HistoryImportJob> Import(TestDatabase database, string csv, int chunkRows)
    {
        var clock = new FakeTimeProvider(Now);
        var jobs = new HistoryImportJobs(database.DataSource, Options.Create(new HistoryImportOptions { ChunkRows = chunkRows }), clock);
        var submitted = await jobs.Submit(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "history.csv", "hq", HistoryBadRows.Stop, Cancellation);
        Assert.False(submitted is HistoryImportRefused, $"The file is refused: {(submitted as HistoryImportRefused)?.FirstBadRow}");
        var queued = Assert.IsType<HistoryImportQueued>(submitted);
        var runner = new HistoryImportRunner(database.DataSource, clock);
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            while (await runner.RunNextChunk(Cancellation) is not null)
            {
            }
        }));

        return (await jobs.Find(queued.JobId, null, Cancellation))!;
    }

    private static string Csv(IEnumerable<(string Store, string Terminal, DateTimeOffset At, string Item, string Quantity, string Amount)> rows) =>
        HistoryCsv.Header + "\n" + string.Concat(rows.Select(r =>
            $"{r.Store},{r.Terminal},{r.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)},{r.Item},{r.Quantity},{r.Amount}\n"));

    private static async Task AssertRollupEqualsLedger(TestDatabase database) =>
        Assert.Equal(0, await database.RollupRowsDifferingFromLedger());
}
