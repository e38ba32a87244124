using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StoreSales.Contracts.Ingest;
using StoreSales.Data.HotItems;
using StoreSales.Data.Ledger;
using StoreSales.Data.Migrations;
using StoreSales.Domain.HotItems;
using StoreSales.Testing;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.Integration.Tests;

/// <summary>
/// A few weeks of random sales (returns, duplicates sent again, stores in three time zones, one of them crossing
/// daylight saving in its history) around <see cref="At"/>, appended through <see cref="SaleLedger"/> as ingest does.
/// </summary>
public sealed class SaleItemHourFixture : IAsyncLifetime
{
    public const string London = "store-ldn01";  // Europe/London: summer time four weeks before At
    public const string Delhi = "store-del01";   // Asia/Kolkata: UTC+05:30, its local hours are not UTC hours

    // A Wednesday, 15:20 in Shanghai, 07:20 in London, 12:50 in Delhi.
    public static readonly DateTimeOffset At = new(2026, 11, 18, 7, 20, 0, TimeSpan.Zero);

    public static readonly string[] Stores = ["store-sh001", "store-sh002", "store-gz001", London, Delhi];

    public static readonly string[] Items =
    [
        "6920433218190", "6970013389086", "6948637940266", "6901234567892", "6909999999994", "SKU-BREAD", "SKU-APPLE-KG",
    ];

    // Items of the first store's day that its whole hours do not show as sold (see InitializeAsync).
    public const string OnlyAfterNow = "SKU-LATE-ONLY";
    public const string NetsToZero = "SKU-NETS-ZERO";

    public TestDatabase Database { get; private set; } = null!;

    /// <summary>Sales that reached the ledger (each once), to check the test's own premises.</summary>
    public int SalesAppended { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.Create("rollup");
        await using (var connection = await Database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO store (store_id, name, region_id, latitude, longitude, time_zone, opens, closes) VALUES
                    (@London, 'London Soho', 'region-south', 51.51, -0.13, 'Europe/London', '07:00', '22:00'),
                    (@Delhi, 'Delhi Connaught Place', 'region-south', 28.63, 77.22, 'Asia/Kolkata', '08:00', '23:00')
                """,
                new { London, Delhi });
        }

        var ledger = new SaleLedger(Database.DataSource);
        var random = new Random(13);
        foreach (var store in Stores)
        {
            var sales = new List<SaleRecord>();
            var sequence = 0L;
            for (var week = 0; week <= 4; week++)
            {
                var around = At.AddDays(-7 * week);

                // The day before, today up to now and after: the windows' edges all fall among them.
                for (var n = 0; n < 60; n++)
                {
                    sales.Add(RandomSale(random, ++sequence, around.AddMinutes(random.Next(-30 * 60, 20 * 60))));
                }

                // Exactly on the edges: the hour now began in (UTC and, for Delhi, a half hour off), now itself.
                sales.Add(RandomSale(random, ++sequence, new DateTimeOffset(around.Year, around.Month, around.Day, around.Hour, 0, 0, TimeSpan.Zero)));
                sales.Add(RandomSale(random, ++sequence, new DateTimeOffset(around.Year, around.Month, around.Day, around.Hour, 30, 0, TimeSpan.Zero)));
                sales.Add(RandomSale(random, ++sequence, around));
            }

            // Late in Shanghai's day a window's whole hours are read as its day less the hours after them (migration
            // 0540). So that the items of the day and those of its whole hours differ: a week ago the first store sold
            // an item only after now's hour (not in the week's window: no cell of that store, though the item ranks, as
            // the second store sold it today); and today the first store sold and took back another in whole hours
            // (its units net to zero, its lines do not: a cell of 0 units), which the second store sold too.
            if (store == Stores[0])
            {
                sales.Add(Sale("T01", ++sequence, At.AddDays(-7).AddHours(7).AddMinutes(10), (OnlyAfterNow, 3, 2.00m)));
                sales.Add(Sale("T01", ++sequence, At.AddHours(-6).AddMinutes(-20), (NetsToZero, 2, 5.00m)));
                sales.Add(Sale("T01", ++sequence, At.AddHours(-4).AddMinutes(-20), (NetsToZero, -2, 5.00m)) with { Kind = SaleKinds.Return });
            }
            else if (store == Stores[1])
            {
                sales.Add(Sale("T01", ++sequence, At.AddHours(-5).AddMinutes(-20), (OnlyAfterNow, 1, 2.00m), (NetsToZero, 1, 5.00m)));
            }

            // In batches as the edge agent sends them; every other batch is sent again (a retry after a lost ack),
            // and the last batch repeats some sales of the one before alongside new ones.
            var batches = sales.Chunk(25).ToList();
            for (var b = 0; b < batches.Count; b++)
            {
                var fresh = await ledger.Append(store, batches[b], CancellationToken.None);
                SalesAppended += fresh.Count;
                if (b % 2 == 0)
                {
                    Assert.Empty(await ledger.Append(store, batches[b], CancellationToken.None));
                }
            }

            var mixed = batches[^1].Take(5).Concat([RandomSale(random, ++sequence, At.AddMinutes(-3))]).ToList();
            SalesAppended += (await ledger.Append(store, mixed, CancellationToken.None)).Count;

            // The first stores' rows folded into sale_item_hour, the others' left pending: readers see both kinds.
            if (store == Stores[2])
            {
                await new SaleItemHourFold(Database.DataSource).FoldAll(CancellationToken.None);
            }
        }
    }

    /// <summary>Appends more sales as ingest does, counted in <see cref="SalesAppended"/>.</summary>
    public async Task Append(string store, params SaleRecord[] sales) =>
        SalesAppended += (await new SaleLedger(Database.DataSource).Append(store, sales, CancellationToken.None)).Count;

    private static SaleRecord RandomSale(Random random, long sequence, DateTimeOffset at)
    {
        var isReturn = random.Next(10) == 0;
        var lines = Enumerable.Range(0, random.Next(1, 4))
            .Select(_ =>
            {
                var item = Items[random.Next(Items.Length)];
                var quantity = item.EndsWith("-KG", StringComparison.Ordinal) ? random.Next(100, 2000) / 1000m : random.Next(1, 6);
                return (Item: item, Quantity: isReturn ? -quantity : quantity, UnitPrice: random.Next(100, 2000) / 100m);
            })
            .ToArray();
        var sale = SaleFactory.Sale(random.Next(2) == 0 ? "T01" : "T02", sequence, at, lines);
        return sale with
        {
            Kind = isReturn ? SaleKinds.Return : SaleKinds.Sale,
            Lines = sale.Lines.Select(l => l with { Amount = Math.Round(l.Quantity * l.UnitPrice, 2) }).ToList(),
            Total = sale.Lines.Sum(l => Math.Round(l.Quantity * l.UnitPrice, 2)),
        };
    }

    public async ValueTask DisposeAsync() => await Database.DisposeAsync();
}

/// <summary>
/// The hourly rollup <c>sale_item_hour</c> against the ledger it summarizes, and the readers that use it against
/// the same reads made from the ledger alone (the queries as they were before the rollup, kept here).
/// </summary>
public sealed class SaleItemHourTests(SaleItemHourFixture fixture) : IClassFixture<SaleItemHourFixture>
{
    private const string RollupFromLedger = """
        SELECT s.store_id AS StoreId, date_trunc('hour', s.rung_up_at AT TIME ZONE st.time_zone) AS LocalHour, l.item_code AS ItemCode,
               sum(l.quantity) AS Units, sum(l.amount) AS Amount, count(*)::int AS Lines
        FROM sale s
        JOIN sale_line l USING (store_id, terminal_id, sequence)
        JOIN store st USING (store_id)
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3
        """;

    // What the readers see: the folded rows and those still pending, summed per key.
    private const string Rollup = """
        SELECT store_id AS StoreId, local_hour AS LocalHour, item_code AS ItemCode, sum(units) AS Units, sum(amount) AS Amount, sum(lines)::int AS Lines
        FROM sale_item_hour_all
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3
        """;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private HotItemHeatmapReader Reader() =>
        new(fixture.Database.DataSource, Options.Create(new HotItemOptions()), Options.Create(new HotItemHeatmapOptions()));

    [Fact]
    public async Task The_rollup_is_the_ledger_grouped_by_store_local_hour_and_item()
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(Cancel);
        var expected = (await connection.QueryAsync<RollupRow>(RollupFromLedger)).ToList();
        var actual = (await connection.QueryAsync<RollupRow>(Rollup)).ToList();

        Assert.Equal(expected, actual);

        // The premises: every store has rows, returns made some hours negative, Delhi's hours are local ones.
        Assert.Equal(fixture.SalesAppended, await fixture.Database.Count("SELECT count(*) FROM sale"));
        Assert.Equal(SaleItemHourFixture.Stores.Order(StringComparer.Ordinal), actual.Select(r => r.StoreId).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(actual, r => r.Units < 0);
        Assert.All(actual, r => Assert.Equal(0, r.LocalHour.Minute));
    }

    [Fact]
    public async Task The_migration_rolls_up_a_ledger_written_before_it()
    {
        var database = fixture.Database;
        await using (var connection = await database.DataSource.OpenConnectionAsync(Cancel))
        {
            // The pending tables go too (0520 makes them again, empty): the backfill rolls up every sale, theirs included;
            // and the daily rollup, which 0540 makes again from the hours.
            await connection.ExecuteAsync(
                """
                DROP VIEW sale_item_hour_all, sale_item_hour_pending_all;
                DROP TABLE sale_item_hour, sale_item_hour_pending_0, sale_item_hour_pending_1, sale_item_day;
                DELETE FROM schemaversions WHERE scriptname LIKE '%0180_sale_item_hour.sql' OR scriptname LIKE '%0520_sale_item_hour_pending.sql'
                                              OR scriptname LIKE '%0540_sale_item_day.sql'
                """);
        }

        var ran = DatabaseMigrator.Migrate(database.ConnectionString, NullLogger.Instance);

        await using var again = await database.DataSource.OpenConnectionAsync(Cancel);
        Assert.Equal(
            [
                "StoreSales.Data.Migrations.Ledger.0180_sale_item_hour.sql",
                "StoreSales.Data.Migrations.Ledger.0520_sale_item_hour_pending.sql",
                "StoreSales.Data.Migrations.Ledger.0540_sale_item_day.sql",
            ],
            ran);
        Assert.Equal((await again.QueryAsync<RollupRow>(RollupFromLedger)).ToList(), (await again.QueryAsync<RollupRow>(Rollup)).ToList());
        Assert.Equal(0, await database.RollupRowsDifferingFromLedger());
        Assert.True(await database.Count("SELECT count(*) FROM sale_item_day") > 0);
    }

    public static TheoryData<int> Moments => [0, -20, 30, -(15 * 60 + 10), 8 * 60 + 40, 16 * 60 + 40];

    [Theory]
    [MemberData(nameof(Moments))]
    public async Task Todays_heatmap_from_the_rollup_is_the_heatmap_read_from_the_ledger(int minutesFromAt)
    {
        // Now; the top of the UTC hour (and of Shanghai's, mid-hour in Delhi); just past Delhi's hour; 00:10 in
        // Shanghai (no whole hour yet); midnight in Shanghai; midnight in London.
        var at = SaleItemHourFixture.At.AddMinutes(minutesFromAt);
        var rule = new HotItemOptions();

        foreach (var (region, metric) in new (string?, HeatmapMetric)[] { (null, HeatmapMetric.Lift), ("region-south", HeatmapMetric.Units) })
        {
            var heatmap = await Reader().Heatmap(HeatmapWindow.Today, region, metric, at, Cancel);
            var fromLedger = await FromLedger(LedgerHeatmapSql, at, region, metric);

            Assert.Equal(
                fromLedger.Select(r => Cell(r.StoreId, r.ItemCode, r.Units, r.PastUnits, r.Weeks, rule)).Order().ToList(),
                heatmap.Cells.Select(c => (c.StoreId, c.ItemCode, c.Units, c.UsualUnits, c.Lift, c.IsHot)).Order().ToList());
            Assert.Equal(fromLedger.Select(r => ((int)r.Rank, r.ItemCode)).Distinct(), heatmap.Items.Select(i => (i.Rank, i.ItemCode)));
            Assert.NotEmpty(heatmap.Cells);

            // Read in two parts, the previous weeks' whole hours as of the quarter hour's start: the same heatmap.
            var usual = await Reader().Usual(region, HotItemHeatmapReader.QuarterHourOf(at), Cancel);
            AssertSameHeatmap(heatmap, await Reader().Today(usual, region, metric, at, Cancel));

            // The chain's usual serves a region too (the cache keeps only the chain's).
            var chainUsual = await Reader().Usual(null, HotItemHeatmapReader.QuarterHourOf(at), Cancel);
            AssertSameHeatmap(heatmap, await Reader().Today(chainUsual, region, metric, at, Cancel));
        }
    }

    [Fact]
    public async Task Todays_usual_is_read_once_a_quarter_hour_and_with_the_live_part_is_the_fresh_heatmap()
    {
        // A week after the fixture's now: its weeks are the usual here, and the sales added below fall in no other
        // test's window but those at At itself (a week ago's current hour), which compare the ledger with itself.
        var quarter = HotItemHeatmapReader.QuarterHourOf(SaleItemHourFixture.At.AddDays(7)); // 07:15 UTC, 12:45 in Delhi
        var clock = new ManualClock(quarter.AddMinutes(2));
        var cache = new HotItemHeatmapCache(Reader(), clock, Options.Create(new HotItemHeatmapOptions
        {
            CacheFor = TimeSpan.FromSeconds(2),
            ServeWhileRefreshingFor = TimeSpan.Zero,
            KeepWarmFor = TimeSpan.FromHours(1),
            UsualReadAhead = TimeSpan.FromMinutes(1),
        }));
        Task<HotItemHeatmap> Ask(string? region, HeatmapMetric metric) => cache.Get(HeatmapWindow.Today, region, metric, Cancel);
        Task<HotItemHeatmap> Fresh(string? region, HeatmapMetric metric) => Reader().Heatmap(HeatmapWindow.Today, region, metric, clock.Now, Cancel);

        var first = await Ask(null, HeatmapMetric.Lift);
        var southFirst = await Ask("region-south", HeatmapMetric.Units);
        var usual = cache.KeptUsual(quarter);

        // New sales for the live part: a whole hour of today (Shanghai 13:15), the current hour (Delhi 12:48, London
        // 07:18) and the current hour of a week ago (London 07:16).
        await fixture.Append("store-sh001", Sale("T09", 1, quarter.AddHours(-2), ("SKU-BREAD", 40, 3.50m)));
        await fixture.Append(SaleItemHourFixture.Delhi, Sale("T09", 1, quarter.AddMinutes(3), ("6920433218190", 30, 4.00m)));
        await fixture.Append(SaleItemHourFixture.London, Sale("T09", 1, quarter.AddMinutes(3), ("SKU-BREAD", 20, 3.50m)));
        await fixture.Append(SaleItemHourFixture.London, Sale("T09", 2, quarter.AddDays(-7).AddMinutes(1), ("SKU-APPLE-KG", 3.5m, 9.00m)));

        clock.Now = quarter.AddMinutes(9);
        var second = await Ask(null, HeatmapMetric.Lift);
        var south = await Ask("region-south", HeatmapMetric.Units);

        Assert.NotNull(usual);
        Assert.Same(usual, cache.KeptUsual(quarter)); // not read again within the quarter hour
        AssertSameHeatmap(await Fresh(null, HeatmapMetric.Lift), second);
        AssertSameHeatmap(await Fresh("region-south", HeatmapMetric.Units), south);
        Assert.NotEqual(first.Cells, second.Cells);
        Assert.NotEqual(southFirst.Cells, south.Cells);

        // Watched: half a minute before the turn the keep-warm path reads the next quarter hour's usual. At 07:30
        // UTC Delhi's local hour turns; the refresh uses the usual read ahead and the one before is dropped.
        clock.Now = quarter.AddMinutes(14.5);
        await cache.KeepWarm();
        Assert.Equal([quarter, quarter.AddMinutes(15)], cache.UsualQuarterHours());
        var readAhead = await Eventually.Until(() => Task.FromResult(cache.KeptUsual(quarter.AddMinutes(15))), u => u is not null);

        clock.Now = quarter.AddMinutes(15).AddSeconds(1);
        var turned = await Ask(null, HeatmapMetric.Lift);

        Assert.NotNull(readAhead);
        Assert.Same(readAhead, cache.KeptUsual(quarter.AddMinutes(15)));
        Assert.Equal([quarter.AddMinutes(15)], cache.UsualQuarterHours());
        AssertSameHeatmap(await Fresh(null, HeatmapMetric.Lift), turned);
    }

    private static void AssertSameHeatmap(HotItemHeatmap expected, HotItemHeatmap actual)
    {
        Assert.Equal(expected.At, actual.At);
        Assert.Equal(expected.Items, actual.Items);
        Assert.Equal(expected.Cells, actual.Cells);
        Assert.Equal(expected.Stores, actual.Stores);
    }

    [Fact]
    public async Task Todays_heatmap_averages_the_usual_over_the_weeks_that_sold_in_the_window()
    {
        var rows = await FromLedger(LedgerHeatmapSql, SaleItemHourFixture.At, null, HeatmapMetric.Lift);

        // The comparison above is only worth something if the usual is there: history in several weeks.
        Assert.Contains(rows, r => r.Weeks >= 3 && r.PastUnits != 0);

        // And the day's edge cases are there (read by day, the whole hours are the day less the rest of it): a cell whose
        // units net to zero, and an item that ranks but of which the first store sold none in any window.
        Assert.Contains(rows, r => r.StoreId == "store-sh001" && r.ItemCode == SaleItemHourFixture.NetsToZero && r.Units == 0);
        Assert.Contains(rows, r => r.StoreId == "store-sh002" && r.ItemCode == SaleItemHourFixture.OnlyAfterNow);
        Assert.DoesNotContain(rows, r => r.StoreId == "store-sh001" && r.ItemCode == SaleItemHourFixture.OnlyAfterNow);
    }

    [Theory]
    [MemberData(nameof(Moments))]
    public async Task Todays_top_stores_from_the_rollup_are_those_read_from_the_ledger(int minutesFromAt)
    {
        var at = SaleItemHourFixture.At.AddMinutes(minutesFromAt);
        var rule = new HotItemOptions();
        foreach (var item in SaleItemHourFixture.Items)
        {
            var top = await Reader().TopStores(item, HeatmapWindow.Today, null, HeatmapMetric.Units, at, Cancel);
            var fromLedger = await FromLedger(LedgerTopStoresSql, at, null, HeatmapMetric.Units, item);

            var expected = fromLedger
                .Select(r => Cell(r.StoreId, item, r.Units, r.PastUnits, r.Weeks, rule))
                .OrderByDescending(c => c.Units).ThenBy(c => c.StoreId, StringComparer.Ordinal)
                .Take(new HotItemHeatmapOptions().TopStores)
                .Select(c => (c.StoreId, c.Units, c.Usual, c.Lift));
            Assert.Equal(expected, top.Stores.Select(s => (s.StoreId, s.Units, s.UsualUnits, s.Lift)));
        }
    }

    [Fact]
    public async Task A_stores_usual_velocity_from_the_rollup_is_the_one_read_from_the_ledger()
    {
        var reader = new PgStoreLedgerReader(fixture.Database.DataSource);
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(Cancel);
        var checkedWithHistory = 0;
        foreach (var store in SaleItemHourFixture.Stores)
        {
            for (var hour = 0; hour < 24; hour++)
            {
                var localHour = new DateTime(2026, 11, 18, hour, 0, 0);
                var usual = await reader.ReadUsualVelocity(store, localHour.AddMinutes(25), 4, Cancel);
                var fromLedger = (await connection.QueryAsync<(string ItemCode, decimal Units, int Weeks)>(
                    LedgerUsualVelocitySql, new { store, hour = localHour, weeks = 4 })).ToList();
                var expected = fromLedger.Count == 0
                    ? UsualVelocity.None(localHour)
                    : UsualVelocity.FromHistory(localHour, fromLedger.Select(r => (r.ItemCode, r.Units)), fromLedger[0].Weeks);

                Assert.Equal((expected.HourStart, expected.WeeksObserved, expected.ItemCount), (usual.HourStart, usual.WeeksObserved, usual.ItemCount));
                Assert.All(SaleItemHourFixture.Items, item => Assert.Equal(expected.UnitsPerHour(item), usual.UnitsPerHour(item)));
                checkedWithHistory += expected.WeeksObserved > 0 ? 1 : 0;
            }
        }

        Assert.True(checkedWithHistory > 10, $"only {checkedWithHistory} store hours had history");
    }

    [Fact]
    public async Task A_setting_made_local_in_a_commands_first_statement_holds_for_its_other_statements_only()
    {
        // How the heatmap reads turn JIT off for themselves without changing the pooled connection.
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(Cancel);
        var before = await connection.ExecuteScalarAsync<string>("SHOW jit");
        string during;
        await using (var results = await connection.QueryMultipleAsync("SELECT set_config('jit', 'off', true); SELECT current_setting('jit');"))
        {
            await results.ReadSingleAsync<string>();
            during = await results.ReadSingleAsync<string>();
        }

        Assert.Equal(("off", before), (during, await connection.ExecuteScalarAsync<string>("SHOW jit")));
    }

    private static (string StoreId, string ItemCode, decimal Units, decimal Usual, decimal Lift, bool IsHot) Cell(
        string storeId, string itemCode, decimal units, decimal pastUnits, int weeks, HotItemOptions rule)
    {
        var lift = ItemLift.Of(units, UsualVelocity.Average(pastUnits, weeks), rule);
        return (storeId, itemCode, lift.Units, lift.UsualUnits, lift.Lift, lift.IsHot);
    }

    private async Task<List<LedgerRow>> FromLedger(string sql, DateTimeOffset at, string? region, HeatmapMetric metric, string? item = null)
    {
        var rule = new HotItemOptions();
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(Cancel);
        var rows = await connection.QueryAsync<LedgerRow>(sql, new
        {
            at = at.ToUniversalTime(),
            weeks = rule.UsualWeeks,
            region,
            store = (string?)null,
            item,
            byLift = metric == HeatmapMetric.Lift,
            prior = rule.PriorUnits,
            minimum = rule.MinimumUnits,
            top = new HotItemHeatmapOptions().TopItems,
        });
        return rows.ToList();
    }

    // The "today" reads as they were before the rollup: every sale line of each store's window from the ledger.
    private const string LedgerWindows = """
        windows AS (
            SELECT st.store_id, k.k,
                   (date_trunc('day', l.local_at) - make_interval(weeks => k.k)) AT TIME ZONE st.time_zone AS from_at,
                   (l.local_at - make_interval(weeks => k.k)) AT TIME ZONE st.time_zone AS to_at
            FROM store st
            CROSS JOIN LATERAL (SELECT @at AT TIME ZONE st.time_zone AS local_at) l
            CROSS JOIN generate_series(0, @weeks) AS k(k)
            WHERE (@region::text IS NULL OR st.region_id = @region)
        ), observed AS (
            SELECT w.store_id, count(*)::int AS weeks
            FROM windows w
            WHERE w.k > 0 AND EXISTS (
                SELECT 1 FROM sale s WHERE s.store_id = w.store_id AND s.rung_up_at >= w.from_at AND s.rung_up_at < w.to_at)
            GROUP BY w.store_id
        )
        """;

    private const string LedgerWindowLines = """
        FROM windows w
        JOIN sale s ON s.store_id = w.store_id AND s.rung_up_at >= w.from_at AND s.rung_up_at < w.to_at
        JOIN sale_line l ON l.store_id = w.store_id AND l.terminal_id = s.terminal_id AND l.sequence = s.sequence
        """;

    private const string LedgerHeatmapSql = $"""
        WITH {LedgerWindows},
        sold AS (
            SELECT w.store_id, l.item_code,
                   coalesce(sum(l.quantity) FILTER (WHERE w.k = 0), 0) AS units,
                   coalesce(sum(l.quantity) FILTER (WHERE w.k > 0), 0) AS past_units
            {LedgerWindowLines}
            GROUP BY w.store_id, l.item_code
        ), cells AS (
            SELECT so.store_id, so.item_code, so.units, so.past_units, coalesce(o.weeks, 0) AS weeks,
                   CASE WHEN o.weeks > 0 THEN greatest(so.past_units, 0) / o.weeks ELSE 0 END AS usual
            FROM sold so LEFT JOIN observed o USING (store_id)
        ), items AS (
            SELECT item_code, sum(units) AS units, sum(usual) AS usual
            FROM cells GROUP BY item_code HAVING sum(units) > 0
        ), top_items AS (
            SELECT item_code, row_number() OVER (ORDER BY
                       CASE WHEN @byLift THEN units >= @minimum END DESC,
                       CASE WHEN @byLift THEN round(greatest(units + @prior, 0) / (usual + @prior), 4) END DESC,
                       units DESC,
                       item_code COLLATE "C") AS rank
            FROM items
        )
        SELECT t.rank AS Rank, t.item_code AS ItemCode, c.store_id AS StoreId, c.units AS Units, c.past_units AS PastUnits, c.weeks AS Weeks
        FROM top_items t JOIN cells c USING (item_code)
        WHERE t.rank <= @top
        ORDER BY t.rank, c.store_id
        """;

    private const string LedgerTopStoresSql = $"""
        WITH {LedgerWindows},
        sold AS (
            SELECT w.store_id,
                   coalesce(sum(l.quantity) FILTER (WHERE w.k = 0), 0) AS units,
                   coalesce(sum(l.quantity) FILTER (WHERE w.k > 0), 0) AS past_units
            {LedgerWindowLines}
              AND l.item_code = @item
            GROUP BY w.store_id
        )
        SELECT 0::bigint AS Rank, @item AS ItemCode, so.store_id AS StoreId, so.units AS Units, so.past_units AS PastUnits,
               coalesce(o.weeks, 0) AS Weeks
        FROM sold so LEFT JOIN observed o USING (store_id)
        WHERE so.units > 0
        """;

    private const string LedgerUsualVelocitySql = """
        WITH weeks AS (
            SELECT k.k,
                   (@hour - make_interval(weeks => k.k)) AT TIME ZONE st.time_zone AS from_at,
                   (@hour - make_interval(weeks => k.k) + interval '1 hour') AT TIME ZONE st.time_zone AS to_at
            FROM store st CROSS JOIN generate_series(1, @weeks) AS k(k)
            WHERE st.store_id = @store
        ), sold AS (
            SELECT w.k, l.item_code, sum(l.quantity) AS units
            FROM weeks w
            JOIN sale s ON s.store_id = @store AND s.rung_up_at >= w.from_at AND s.rung_up_at < w.to_at
            JOIN sale_line l ON l.store_id = @store AND l.terminal_id = s.terminal_id AND l.sequence = s.sequence
            GROUP BY w.k, l.item_code
        )
        SELECT item_code AS ItemCode, sum(units) AS Units,
               (SELECT count(*) FROM weeks w WHERE EXISTS (
                   SELECT 1 FROM sale s WHERE s.store_id = @store AND s.rung_up_at >= w.from_at AND s.rung_up_at < w.to_at))::int AS Weeks
        FROM sold
        GROUP BY item_code
        """;

#pragma warning disable CA1812 // Dapper creates these.
    private sealed record RollupRow(string StoreId, DateTime LocalHour, string ItemCode, decimal Units, decimal Amount, int Lines);

    private sealed record LedgerRow(long Rank, string ItemCode, string StoreId, decimal Units, decimal PastUnits, int Weeks);
#pragma warning restore CA1812
}
