using Dapper;
using StoreSales.Contracts.Ingest;
using StoreSales.Data.Ledger;
using StoreSales.Testing;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.Integration.Tests;

/// <summary>
/// The hourly rollup's pending rows (written with their sales) folded into <c>sale_item_hour</c> off the ack path, on a
/// real PostgreSQL: after the fold nothing is pending and the rollup alone is the ledger, store-local hour by hour (a
/// store half an hour off UTC among them); a fold running at the same time as another (a second silo) while sales keep
/// coming counts no row twice and loses none.
/// </summary>
public sealed class SaleItemHourFoldTests : IAsyncLifetime
{
    private const string Tea = "6920433218190";
    private const string Rice = "6993503056411";
    private const string Delhi = "store-del02"; // Asia/Kolkata: its local hours are half an hour off UTC's
    private static readonly DateTimeOffset At = new(2026, 11, 18, 7, 20, 0, TimeSpan.Zero);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.Create("rollupfold");
        await using var connection = await _database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO store (store_id, name, region_id, latitude, longitude, time_zone, opens, closes)
            VALUES (@Delhi, 'Delhi Karol Bagh', 'region-south', 28.65, 77.19, 'Asia/Kolkata', '08:00', '23:00')
            """,
            new { Delhi });
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Every_few_sales_the_pending_rows_are_folded_and_the_rollup_alone_is_the_ledger()
    {
        await using var ledger = new SaleLedger(_database.DataSource, new LedgerWriterOptions { RollupFoldSales = 10 });

        // Sales every seven minutes over five hours, from two stores, each batch sent twice (a retry after a lost ack).
        for (var batch = 0; batch < 6; batch++)
        {
            foreach (var store in new[] { "store-sh001", Delhi })
            {
                var sales = Batch("F01", batch * 10 + 1, batch * 10 + 10);
                Assert.Equal(10, (await ledger.Append(store, sales, Cancel)).Count);
                Assert.Empty(await ledger.Append(store, sales, Cancel));
            }
        }


        // The last batch made a tenth sale since the fold before: it is folded too.
        await Eventually.Holds(async () => await _database.Count("SELECT count(*) FROM sale_item_hour_pending") == 0, "every pending rollup row folded", cancellationToken: Cancel);
        Assert.Equal(0, await _database.RollupRowsDifferingFromLedger());
        Assert.Equal(240, await _database.Count("SELECT sum(lines) FROM sale_item_hour"));
        Assert.Equal(
            await _database.Count("SELECT count(DISTINCT date_trunc('hour', rung_up_at AT TIME ZONE 'Asia/Kolkata')) FROM sale WHERE store_id = 'store-del02'"),
            await _database.Count("SELECT count(DISTINCT local_hour) FROM sale_item_hour WHERE store_id = 'store-del02'"));
    }

    [Fact]
    public async Task Two_folds_at_once_while_sales_keep_coming_count_every_line_once()
    {
        await using var ledger = new SaleLedger(_database.DataSource, new LedgerWriterOptions { RollupFoldSales = 5 });
        await using var otherSilo = new SaleItemHourFold(_database.DataSource);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var folds = 0;
        var folding = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await otherSilo.Run(stop.Token);
                folds++;
            }
        }, CancellationToken.None);

        var appends = Enumerable.Range(0, 4).Select(terminal => Task.Run(async () =>
        {
            for (var batch = 0; batch < 25; batch++)
            {
                await ledger.Append(terminal % 2 == 0 ? "store-sh001" : Delhi, Batch($"P{terminal}", batch * 4 + 1, batch * 4 + 4), Cancel);
            }
        }, Cancel)).ToList();
        await Task.WhenAll(appends);
        await stop.CancelAsync();
        try
        {
            await folding;
        }
        catch (OperationCanceledException)
        {
        }

        await otherSilo.Run(Cancel);
        Assert.True(folds > 0, "the other silo's fold ran while the sales came");
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM sale_item_hour_pending"));
        Assert.Equal(0, await _database.RollupRowsDifferingFromLedger());
        Assert.Equal(400 * 2, await _database.Count("SELECT sum(lines) FROM sale_item_hour"));
    }

    // Two lines a sale, seven minutes apart, so a batch spans local hours (and a Delhi half hour).
    private static List<SaleRecord> Batch(string terminal, int from, int to) =>
        [.. Enumerable.Range(from, to - from + 1).Select(s => Sale(terminal, s, At.AddMinutes(7 * (s % 45)), (Tea, 2, 3.50m), (Rice, 1, 39.90m)))];
}
