using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using StoreSales.Contracts.Ingest;
using StoreSales.Data.Ledger;
using StoreSales.Testing;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.Integration.Tests;

/// <summary>
/// The hourly rollup's pending tables and their fold (migration 0520) on a real PostgreSQL: group commits add their sums
/// to the pending table of the clock's period, <see cref="SaleItemHourFold"/> adds a table into <c>sale_item_hour</c>
/// and empties it, and what a reader sees (<c>sale_item_hour_all</c>) equals the ledger before, during and after.
/// </summary>
public sealed class SaleItemHourFoldTests : IAsyncLifetime
{
    private const string Tea = "6920433218190";
    private const string Rice = "6993503056411";
    private const int FoldSeconds = 5;

    // On a period's first second: slot 0 is written, slot 1 is the fold's.
    private static readonly DateTimeOffset SlotZero = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / (2 * FoldSeconds) * (2 * FoldSeconds));
    // Ten past an hour two hours ago: a batch's sales (a second apart) lie in one quarter hour.
    private static readonly DateTimeOffset At = new DateTimeOffset(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour, TimeSpan.Zero).AddHours(-2).AddMinutes(10);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.Create("rollupfold");

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Group_commits_write_the_pending_table_of_their_period_and_the_fold_moves_it_into_the_rollup_unchanged()
    {
        var clock = new FakeTimeProvider(SlotZero);
        await using var ledger = Ledger(clock);
        await ledger.Append("store-sh001", Batch("T01", 1, 20, At), Cancel);
        clock.Advance(TimeSpan.FromSeconds(FoldSeconds));
        await ledger.Append("store-sh001", Batch("T01", 21, 30, At.AddHours(1)), Cancel);

        Assert.Equal(2 * 1, await _database.Count("SELECT count(*) FROM sale_item_hour_pending_0"));   // two items, one hour
        Assert.Equal(2 * 1, await _database.Count("SELECT count(*) FROM sale_item_hour_pending_1"));
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM sale_item_hour"));
        Assert.Equal(0, await _database.RollupRowsDifferingFromLedger());

        var fold = new SaleItemHourFold(_database.DataSource);
        Assert.Equal(2, await fold.Fold(SaleItemHourPending.FoldedAt(clock.GetUtcNow(), FoldSeconds), Cancel));
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM sale_item_hour_pending_0"));
        Assert.Equal(2, await _database.Count("SELECT count(*) FROM sale_item_hour_pending_1"));
        Assert.Equal(0, await _database.RollupRowsDifferingFromLedger());

        // The same hour again in the next period: the fold adds it to the row already folded.
        clock.Advance(TimeSpan.FromSeconds(FoldSeconds));
        await ledger.Append("store-sh001", Batch("T01", 31, 35, At), Cancel);
        await fold.FoldAll(Cancel);

        Assert.Equal(0, await _database.PendingRollupRows());
        Assert.Equal(0, await _database.RollupRowsDifferingFromLedger(foldedOnly: true));
        Assert.Equal(25 * 2, await _database.Count($"SELECT units::bigint FROM sale_item_hour WHERE item_code = '{Tea}' AND local_hour < (SELECT max(local_hour) FROM sale_item_hour)"));
    }

    [Fact]
    public async Task A_fold_of_an_empty_table_does_nothing()
    {
        var fold = new SaleItemHourFold(_database.DataSource);

        Assert.Equal(0, await fold.Fold(0, Cancel));
        Assert.Equal(0, await fold.Fold(1, Cancel));
    }

    [Fact]
    public async Task A_writer_still_in_the_table_being_folded_holds_the_fold_off_and_nothing_is_lost()
    {
        var fold = new SaleItemHourFold(_database.DataSource);
        await AppendFiveIntoSlotZero("store-sh002", "T02");

        // A group commit whose period has turned (its clock behind, or its group slow) still inserting into slot 0.
        await using var late = await _database.DataSource.OpenConnectionAsync(Cancel);
        await using var open = await late.BeginTransactionAsync(Cancel);
        await late.ExecuteAsync(
            """
            INSERT INTO sale (store_id, terminal_id, sequence, kind, rung_up_at, captured_at, total, tenders)
            VALUES ('store-sh002', 'T09', 1, 'sale', @at, @at, 7.00, '[]');
            INSERT INTO sale_line (store_id, terminal_id, sequence, line_number, item_code, quantity, unit_price, discount, amount)
            VALUES ('store-sh002', 'T09', 1, 1, @tea, 2, 3.50, 0, 7.00);
            INSERT INTO sale_item_hour_pending_0 (store_id, local_hour, item_code, units, amount, lines)
            SELECT 'store-sh002', date_trunc('hour', @at AT TIME ZONE time_zone), @tea, 2, 7.00, 1 FROM store WHERE store_id = 'store-sh002';
            """,
            new { at = At.UtcDateTime, tea = Tea },
            open);

        // Put off, not waited on for ever, and nothing changed.
        Assert.Null(await fold.Fold(0, Cancel));
        Assert.Equal(2, await _database.Count("SELECT count(*) FROM sale_item_hour_pending_0"));
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM sale_item_hour"));

        // Once the writer commits, the next turn folds its row with the others.
        await open.CommitAsync(Cancel);
        Assert.Equal(3, await fold.Fold(0, Cancel));
        Assert.Equal(0, await _database.RollupRowsDifferingFromLedger(foldedOnly: true));
        Assert.Equal(12, await _database.Count($"SELECT units::bigint FROM sale_item_hour WHERE store_id = 'store-sh002' AND item_code = '{Tea}'"));
    }

    [Fact]
    public async Task A_reader_still_in_the_table_puts_the_fold_off_whole_and_a_reader_after_it_sees_the_fold()
    {
        var fold = new SaleItemHourFold(_database.DataSource);
        await AppendFiveIntoSlotZero("store-gz001", "T03");

        // A long read (a heatmap over every store) still in the pending table when the fold wants to empty it.
        await using var reading = await _database.DataSource.OpenConnectionAsync(Cancel);
        await using (var open = await reading.BeginTransactionAsync(Cancel))
        {
            Assert.Equal(2, await reading.ExecuteScalarAsync<long>("SELECT count(*) FROM sale_item_hour_pending_0", transaction: open));

            // The sums were upserted, then the emptying waited its short while for the reader: all of it rolled back.
            Assert.Null(await fold.Fold(0, Cancel));
            Assert.Equal(0, await _database.Count("SELECT count(*) FROM sale_item_hour"));
            Assert.Equal(2, await _database.Count("SELECT count(*) FROM sale_item_hour_pending_0"));
            Assert.Equal(0, await _database.RollupRowsDifferingFromLedger());
        }

        Assert.Equal(2, await fold.Fold(0, Cancel));
        Assert.Equal(0, await _database.RollupRowsDifferingFromLedger(foldedOnly: true));
    }

    [Fact]
    public async Task While_writers_append_and_periods_turn_every_read_sees_the_ledger_exactly()
    {
        var clock = new FakeTimeProvider(SlotZero);
        var fold = new SaleItemHourFold(_database.DataSource);
        await using var ledger = Ledger(clock);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);

        var stores = new[] { "store-sh001", "store-sh002", "store-gz001", "store-hz001" };
        var writers = stores.Select((store, n) => Task.Run(async () =>
        {
            for (var batch = 0; batch < 40; batch++)
            {
                await ledger.Append(store, Batch($"T{n}", (batch * 10) + 1, (batch * 10) + 10, At.AddMinutes(batch * 7)), Cancel);
            }
        })).ToArray();

        var folds = Task.Run(async () =>
        {
            var folded = 0;
            while (!stop.IsCancellationRequested)
            {
                clock.Advance(TimeSpan.FromSeconds(FoldSeconds));
                folded += (int)(await fold.Fold(SaleItemHourPending.FoldedAt(clock.GetUtcNow(), FoldSeconds), Cancel) ?? 0);
            }

            return folded;
        });

        var reads = 0;
        while (!writers.All(w => w.IsCompleted))
        {
            // One statement: the ledger and both parts of the rollup in one snapshot, taken after the fold's lock if any.
            Assert.Equal(0, await _database.RollupRowsDifferingFromLedger());
            reads++;
        }

        await Task.WhenAll(writers);
        await stop.CancelAsync();
        var foldedRows = await folds;
        await fold.FoldAll(Cancel);

        Assert.Equal(stores.Length * 400, await _database.Count("SELECT count(*) FROM sale"));
        Assert.Equal(0, await _database.RollupRowsDifferingFromLedger(foldedOnly: true));
        Assert.Equal(0, await _database.PendingRollupRows());
        // The premises: reads were made while rows were pending and folds happened among them.
        Assert.True(reads > 3, $"only {reads} reads were made while the writers ran");
        Assert.True(foldedRows > 0, "no fold moved anything while the writers ran");
    }

    [Theory]
    [InlineData(0, 0, 1, 2.5)]
    [InlineData(4.9, 0, 1, 2.6)]
    [InlineData(5, 1, 0, 2.5)]
    [InlineData(7.5, 1, 0, 5)]
    [InlineData(9.99, 1, 0, 2.51)]
    [InlineData(10, 0, 1, 2.5)]
    public void The_clock_gives_writers_one_table_and_the_fold_the_other_in_the_middle_of_each_period(double seconds, int written, int folded, double untilFold)
    {
        var now = SlotZero.AddSeconds(seconds);

        Assert.Equal(written, SaleItemHourPending.WrittenAt(now, FoldSeconds));
        Assert.Equal(folded, SaleItemHourPending.FoldedAt(now, FoldSeconds));
        Assert.Equal(untilFold, SaleItemHourPending.UntilNextFold(now, FoldSeconds).TotalSeconds, precision: 6);
    }

    [Fact]
    public async Task A_silo_folds_what_its_group_commits_left_pending()
    {
        await using var silo = await SiloUnderTest.Start(_database, "fold-" + Guid.NewGuid().ToString("N")[..8], new Dictionary<string, string?>
        {
            ["Ledger:RollupFoldSeconds"] = "1",
        });
        using var agent = silo.CreateClient("demo-key-store-sh001");
        using var response = await agent.PostAsJsonAsync(
            "/api/stores/store-sh001/sales/batches", new SaleBatch { Sales = Batch("A01", 1, 10, DateTimeOffset.UtcNow.AddMinutes(-1)) }, Cancel);
        response.EnsureSuccessStatusCode();

        await Eventually.Holds(async () => await _database.PendingRollupRows() == 0, "the silo's fold emptied the pending tables", cancellationToken: Cancel);
        Assert.Equal(0, await _database.RollupRowsDifferingFromLedger(foldedOnly: true));
        Assert.Equal(20, await _database.Count($"SELECT sum(units)::bigint FROM sale_item_hour WHERE store_id = 'store-sh001' AND item_code = '{Tea}'"));
    }

    /// <summary>Five sales of tea and rice (two pending rows) in the pending table of slot 0.</summary>
    private async Task AppendFiveIntoSlotZero(string store, string terminal)
    {
        await using var ledger = Ledger(new FakeTimeProvider(SlotZero));
        await ledger.Append(store, Batch(terminal, 1, 5, At), Cancel);
    }

    private SaleLedger Ledger(TimeProvider clock) =>
        new(_database.DataSource, new LedgerWriterOptions { RollupFoldSeconds = FoldSeconds }, clock: clock);

    private static List<SaleRecord> Batch(string terminal, long from, long to, DateTimeOffset at) =>
        [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(s => Sale(terminal, s, at.AddSeconds(s % 60), (Tea, 2, 3.50m), (Rice, 1, 39.90m)))];
}
