using Dapper;
using Microsoft.Extensions.Options;
using StoreSales.Data.HotItems;
using StoreSales.Data.Ledger;
using StoreSales.Domain.HotItems;
using StoreSales.Testing;
using static StoreSales.Integration.Tests.HotItemHeatmapFixture;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.Integration.Tests;

/// <summary>The HQ hot-item reads against the known sales of <see cref="HotItemHeatmapFixture"/> (lift = (units + 2) / (usual + 2)).</summary>
public sealed class HotItemHeatmapTests(HotItemHeatmapFixture fixture) : IClassFixture<HotItemHeatmapFixture>
{
    private HotItemHeatmapReader Reader(HotItemHeatmapOptions? options = null) =>
        new(fixture.Database.DataSource, Options.Create(new HotItemOptions()), Options.Create(options ?? new HotItemHeatmapOptions()));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Heatmap_of_the_last_hour_holds_exactly_what_the_sales_say()
    {
        var heatmap = await Reader().Heatmap(HeatmapWindow.Hour, null, HeatmapMetric.Lift, At, Cancel);

        // Chain: cola 7 units, none usual: 9/2 = 4.5; tea 16 against 2 + 10 usual: 18/14; milk tea 4 against 8: 6/10.
        Assert.Equal(
            [(1, Cola, "Oolong tea 500ml", 7m, 0m, 4.5m, true), (2, Tea, "Jasmine green tea 500ml", 16m, 12m, 1.2857m, false), (3, Milk, "Milk tea cup", 4m, 8m, 0.6m, false)],
            heatmap.Items.Select(i => (i.Rank, i.ItemCode, i.Name, i.Units, i.UsualUnits, i.Lift, i.IsHot)));

        Assert.Equal(
            [
                ("store-gz001", Cola, 5m, 0m, 3.5m, true),    // no history: the prior keeps it finite
                (London, Milk, 4m, 8m, 0.6m, false),          // usual read in London's summer time, 05:00–06:00 UTC
                ("store-sh001", Tea, 6m, 2m, 2m, true),       // 8 teas over 4 weeks: usual 2
                ("store-sh001", Cola, 2m, 0m, 2m, false),     // lift 2, but 2 units are below the minimum of 3
                ("store-sh002", Tea, 10m, 10m, 1m, false),    // 20 teas over the 2 weeks that had sales: usual 10
            ],
            heatmap.Cells.OrderBy(c => c.StoreId, StringComparer.Ordinal).ThenBy(c => c.ItemCode, StringComparer.Ordinal)
                .Select(c => (c.StoreId, c.ItemCode, c.Units, c.UsualUnits, c.Lift, c.IsHot)));

        // Every store of the chain is a row, grouped by region, including those that sold nothing.
        Assert.Equal(
            ["store-hz001", "store-sh001", "store-sh002", "store-gz001", London, "store-sz001", "store-xm001"],
            heatmap.Stores.Select(s => s.StoreId));
        Assert.All(heatmap.Stores, s => Assert.Equal(At.AddHours(-1), s.WindowStart));
        Assert.Equal(("1h", "lift", At), (heatmap.Window, heatmap.Metric, heatmap.At));
    }

    [Fact]
    public async Task The_order_of_items_in_SQL_is_the_order_of_the_lift_rule()
    {
        var rule = new HotItemOptions();
        foreach (var window in Enum.GetValues<HeatmapWindow>())
        {
            var heatmap = await Reader().Heatmap(window, null, HeatmapMetric.Lift, At, Cancel);
            var byRule = heatmap.Items
                .Order(Comparer<HeatmapItem>.Create((a, b) =>
                {
                    var order = ItemLift.CompareHottestFirst(new ItemLift(a.Units, a.UsualUnits, a.Lift, a.IsHot), new ItemLift(b.Units, b.UsualUnits, b.Lift, b.IsHot), rule);
                    return order != 0 ? order : string.CompareOrdinal(a.ItemCode, b.ItemCode);
                }))
                .Select(i => i.ItemCode);

            Assert.Equal(byRule, heatmap.Items.Select(i => i.ItemCode));
        }
    }

    [Fact]
    public async Task By_units_the_biggest_sellers_lead_and_a_region_shows_only_its_stores()
    {
        var byUnits = await Reader().Heatmap(HeatmapWindow.Hour, null, HeatmapMetric.Units, At, Cancel);
        var east = await Reader().Heatmap(HeatmapWindow.Hour, "region-east", HeatmapMetric.Lift, At, Cancel);

        Assert.Equal([Tea, Cola, Milk], byUnits.Items.Select(i => i.ItemCode));

        // In the east, cola sold 2 (lift 2 but below the minimum units) and tea 16 (lift 1.29): tea leads.
        Assert.Equal([(Tea, 16m, 1.2857m), (Cola, 2m, 2m)], east.Items.Select(i => (i.ItemCode, i.Units, i.Lift)));
        Assert.Equal(["store-hz001", "store-sh001", "store-sh002"], east.Stores.Select(s => s.StoreId));
        Assert.DoesNotContain(east.Cells, c => c.StoreId == "store-gz001");
        Assert.Equal("region-east", east.RegionId);
    }

    [Fact]
    public async Task Today_starts_at_each_stores_own_midnight()
    {
        var heatmap = await Reader().Heatmap(HeatmapWindow.Today, null, HeatmapMetric.Lift, At, Cancel);
        var cells = heatmap.Cells.ToDictionary(c => (c.StoreId, c.ItemCode), c => (c.Units, c.UsualUnits, c.Lift));

        // Shanghai's today began at 16:00 UTC yesterday, so the tea at 23:00 UTC is today's; London's began at 00:00 UTC.
        Assert.Equal((7m, 2m, 2.25m), cells[("store-sh001", Tea)]);
        Assert.Equal((110m, 10m, 9.3333m), cells[("store-sh002", Tea)]);
        Assert.Equal((4m, 8m, 0.6m), cells[(London, Milk)]);
        Assert.False(cells.ContainsKey((London, Tea)));
        Assert.Equal(new DateTimeOffset(2026, 11, 17, 16, 0, 0, TimeSpan.Zero), heatmap.Stores.Single(s => s.StoreId == "store-sh001").WindowStart);
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 0, 0, 0, TimeSpan.Zero), heatmap.Stores.Single(s => s.StoreId == London).WindowStart);
    }

    [Fact]
    public async Task A_quarter_hour_holds_only_its_own_sales_and_its_own_history()
    {
        var heatmap = await Reader().Heatmap(HeatmapWindow.FifteenMinutes, null, HeatmapMetric.Lift, At, Cancel);

        Assert.Equal([("store-sh002", Tea, 10m, 10m, 1m)], heatmap.Cells.Select(c => (c.StoreId, c.ItemCode, c.Units, c.UsualUnits, c.Lift)));
        Assert.Equal([Tea], heatmap.Items.Select(i => i.ItemCode));
    }

    [Fact]
    public async Task Top_stores_for_an_item_rank_by_lift_or_units()
    {
        var tea = await Reader().TopStores(Tea, HeatmapWindow.Hour, null, HeatmapMetric.Lift, At, Cancel);
        var teaByUnits = await Reader().TopStores(Tea, HeatmapWindow.Hour, null, HeatmapMetric.Units, At, Cancel);
        var cola = await Reader().TopStores(Cola, HeatmapWindow.Hour, null, HeatmapMetric.Lift, At, Cancel);
        var teaSouth = await Reader().TopStores(Tea, HeatmapWindow.Hour, "region-south", HeatmapMetric.Lift, At, Cancel);
        var onlyOne = await Reader(new HotItemHeatmapOptions { TopStores = 1 }).TopStores(Cola, HeatmapWindow.Hour, null, HeatmapMetric.Lift, At, Cancel);

        Assert.Equal([(1, "store-sh001", 6m, 2m, 2m, true), (2, "store-sh002", 10m, 10m, 1m, false)], tea.Stores.Select(s => (s.Rank, s.StoreId, s.Units, s.UsualUnits, s.Lift, s.IsHot)));
        Assert.Equal("Jasmine green tea 500ml", tea.ItemName);
        Assert.Equal(["store-sh002", "store-sh001"], teaByUnits.Stores.Select(s => s.StoreId));
        Assert.Equal([("store-gz001", "Guangzhou Tianhe", "region-south", 3.5m), ("store-sh001", "Shanghai Jing'an", "region-east", 2m)], cola.Stores.Select(s => (s.StoreId, s.StoreName, s.RegionId, s.Lift)));
        Assert.Empty(teaSouth.Stores);
        Assert.Equal(["store-gz001"], onlyOne.Stores.Select(s => s.StoreId));
    }

    [Fact]
    public async Task The_sales_behind_a_cell_are_the_stores_sales_holding_the_item_newest_first()
    {
        var hour = await Reader().SalesBehind("store-sh001", Tea, HeatmapWindow.Hour, At, Cancel);
        var today = await Reader().SalesBehind("store-sh001", Tea, HeatmapWindow.Today, At, Cancel);
        var limited = await Reader(new HotItemHeatmapOptions { CellSalesLimit = 1 }).SalesBehind("store-sh001", Tea, HeatmapWindow.Today, At, Cancel);

        Assert.NotNull(hour);
        Assert.Equal([("T01", 2L, 2m, At.AddMinutes(-20)), ("T01", 1L, 4m, At.AddMinutes(-50))], hour.Sales.Select(s => (s.TerminalId, s.Sequence, s.ItemUnits, s.RungUpAt)));

        // The whole sale, every line, not just the item's: the cola sold with the tea is part of the story.
        var first = hour.Sales[1];
        Assert.Equal(
            [(1, Tea, "Jasmine green tea 500ml", 4m, 3.50m, 14.00m), (2, Cola, "Oolong tea 500ml", 2m, 4.00m, 8.00m)],
            first.Lines.Select(l => (l.LineNumber, l.ItemCode, l.ItemName, l.Quantity, l.UnitPrice, l.Amount)));
        Assert.Equal(("sale", "R000001", 22.00m, "C01"), (first.Kind, first.ReceiptNumber, first.Total, first.CashierId));
        Assert.Equal(("Shanghai Jing'an", "region-east", "Jasmine green tea 500ml", At.AddHours(-1)), (hour.StoreName, hour.RegionId, hour.ItemName, hour.WindowStart));

        Assert.Equal([2L, 1L, 3L], today!.Sales.Select(s => s.Sequence));
        Assert.Equal([2L], limited!.Sales.Select(s => s.Sequence));
        Assert.Null(await Reader().SalesBehind("store-nowhere", Tea, HeatmapWindow.Hour, At, Cancel));
        Assert.Empty((await Reader().SalesBehind("store-sh001", Milk, HeatmapWindow.Hour, At, Cancel))!.Sales);
    }

    [Fact]
    public async Task Pages_asking_within_the_cache_interval_share_one_read()
    {
        // A hundred days before the fixture's sales, so the sale added here is in no other test's windows.
        var at = At.AddDays(-100);
        var clock = new ManualClock(at);
        var cache = new HotItemHeatmapCache(Reader(), clock, Options.Create(new HotItemHeatmapOptions { CacheFor = TimeSpan.FromSeconds(2), ServeWhileRefreshingFor = TimeSpan.Zero }));

        var first = await cache.Get(HeatmapWindow.Hour, null, HeatmapMetric.Lift, Cancel);
        await new SaleLedger(fixture.Database.DataSource).Append("store-sz001", [Sale("C01", 1, at.AddMinutes(-5), (Tea, 3, 3.50m))], Cancel);
        clock.Now = at.AddSeconds(1.9);
        var cached = await cache.Get(HeatmapWindow.Hour, null, HeatmapMetric.Lift, Cancel);
        var otherRegion = await cache.Get(HeatmapWindow.Hour, "region-south", HeatmapMetric.Lift, Cancel);
        clock.Now = at.AddSeconds(2);
        var fresh = await cache.Get(HeatmapWindow.Hour, null, HeatmapMetric.Lift, Cancel);

        Assert.Same(first, cached);
        Assert.Empty(cached.Items);
        Assert.Equal([Tea], otherRegion.Items.Select(i => i.ItemCode)); // another key: its own read
        Assert.Equal([("store-sz001", 3m)], fresh.Cells.Select(c => (c.StoreId, c.Units)));
        Assert.Equal(at.AddSeconds(2), fresh.At);
    }

    [Fact]
    public async Task A_page_gets_the_last_answer_at_once_while_it_is_refreshed_and_watched_views_stay_warm()
    {
        // 120 days before the fixture's sales: no other test's windows (nor their usual weeks) reach this hour.
        var at = At.AddDays(-120);
        var clock = new ManualClock(at);
        var cache = new HotItemHeatmapCache(Reader(), clock, Options.Create(new HotItemHeatmapOptions
        {
            CacheFor = TimeSpan.FromSeconds(2),
            ServeWhileRefreshingFor = TimeSpan.FromSeconds(15),
            KeepWarmFor = TimeSpan.FromMinutes(1),
        }));
        var ledger = new SaleLedger(fixture.Database.DataSource);
        Task<HotItemHeatmap> Ask() => cache.Get(HeatmapWindow.Hour, "region-south", HeatmapMetric.Units, Cancel);

        var cold = await Ask();
        await ledger.Append("store-gz001", [Sale("W01", 1, at.AddSeconds(-30), (Tea, 3, 3.50m))], Cancel);

        // Older than CacheFor: the last answer at once, and one read refreshing it behind.
        clock.Now = at.AddSeconds(3);
        var stale = await Ask();
        var refreshed = await Eventually.Until(Ask, h => h.Cells.Count > 0);

        // Watched: the timer's refresh reads the new sale before anyone asks again.
        await ledger.Append("store-gz001", [Sale("W01", 2, at.AddSeconds(-20), (Tea, 2, 3.50m))], Cancel);
        clock.Now = at.AddSeconds(6);
        await cache.KeepWarm();
        var warm = await Ask();

        // Nobody asked for a minute: forgotten, so the next page waits for a fresh read rather than an old answer.
        clock.Now = at.AddSeconds(6) + TimeSpan.FromMinutes(1);
        await cache.KeepWarm();
        var afterQuiet = await Ask();

        Assert.Empty(cold.Cells);
        Assert.Same(cold, stale);
        Assert.Equal([("store-gz001", 3m)], refreshed.Cells.Select(c => (c.StoreId, c.Units)));
        Assert.Equal(at.AddSeconds(3), refreshed.At);
        Assert.Equal([("store-gz001", 5m)], warm.Cells.Select(c => (c.StoreId, c.Units)));
        Assert.Equal(at.AddSeconds(6), warm.At);
        Assert.Equal(clock.Now, afterQuiet.At);
    }

    [Fact]
    public async Task A_stores_usual_velocity_is_read_for_its_own_local_hour_of_the_week()
    {
        var ledger = new PgStoreLedgerReader(fixture.Database.DataSource);

        // Wednesday 06:00–07:00 in London: four weeks ago that hour was 05:00–06:00 UTC (summer time), 8 milk teas.
        var london = await ledger.ReadUsualVelocity(London, new DateTime(2026, 11, 18, 6, 20, 0), 4, Cancel);

        // Wednesday 14:00–15:00 in Shanghai: 10 teas in each of the last two weeks, nothing before.
        var pudong = await ledger.ReadUsualVelocity("store-sh002", new DateTime(2026, 11, 18, 14, 0, 0), 4, Cancel);
        var quiet = await ledger.ReadUsualVelocity("store-sh002", new DateTime(2026, 11, 18, 9, 0, 0), 4, Cancel);

        Assert.Equal((8m, 1, new DateTime(2026, 11, 18, 6, 0, 0)), (london.UnitsPerHour(Milk), london.WeeksObserved, london.HourStart));
        Assert.Equal((10m, 2, 1), (pudong.UnitsPerHour(Tea), pudong.WeeksObserved, pudong.ItemCount));
        Assert.Equal((0, 0), (quiet.WeeksObserved, quiet.ItemCount));
    }
}
