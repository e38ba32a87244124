using Dapper;
using Npgsql;
using StoreSales.Data.Targets;
using StoreSales.Domain.Targets.Decomposition;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// What decomposition reads from the ledger, at the edges: last year's month in the store's own time zone (Shanghai,
/// +08:00: the month starts at 16:00 UTC the day before), the recent 8 weeks before now and the same weeks 52 weeks
/// earlier, and which store events count (closing ones and promotions touching the month).
/// </summary>
public sealed class DecompositionBaselinesTests
{
    private static readonly DateOnly March = new(2026, 3, 1);
    private static readonly DateTimeOffset Now = new(2026, 2, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_window_is_read_in_the_stores_own_calendar()
    {
        await using var database = await TestDatabase.Create("decompbase", seedDemo: false);
        await using var connection = await database.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(
            """
            INSERT INTO region (region_id, name) VALUES ('region-t', 'T');
            INSERT INTO store (store_id, name, region_id, time_zone, opens, closes) VALUES
                ('store-a', 'A', 'region-t', 'Asia/Shanghai', '09:00', '21:00'),
                ('store-b', 'B', 'region-t', 'Asia/Shanghai', '09:00', '21:00');
            """);
        var lastMarch = new DateTimeOffset(2025, 3, 1, 0, 0, 0, Shanghai);
        var sequence = 0L;
        Task Sale(DateTimeOffset at, decimal total) => connection.ExecuteAsync(
            "INSERT INTO sale (store_id, terminal_id, sequence, kind, rung_up_at, captured_at, total) VALUES ('store-a', 'pos-1', @sequence, 'sale', @at, @at, @total)",
            new { sequence = ++sequence, at = at.UtcDateTime, total });
        await Sale(lastMarch.AddMinutes(1), 100m);             // 1 March 00:01 local, still 28 Feb in UTC: counts
        await Sale(lastMarch.AddMinutes(-1), 1_000m);          // 28 Feb 23:59 local: not March
        await Sale(lastMarch.AddMonths(1).AddMinutes(-1), 10m); // 31 March 23:59 local: counts
        await Sale(lastMarch.AddMonths(1), 5_000m);            // 1 April 00:00 local: not March
        await Sale(lastMarch.AddMonths(1).AddDays(2), -3m);    // a return in April: not March
        await Sale(Now.AddDays(-1), 700m);                     // the recent 8 weeks
        await Sale(Now.AddDays(-56).AddMinutes(-1), 9_000m);   // just before them
        await Sale(Now.AddDays(-1 - 364), 500m);               // the same weeks, 52 weeks earlier
        await Sale(Now.AddDays(-1 - 365 - 56), 9_000m);        // before those
        await connection.ExecuteAsync(
            """
            INSERT INTO store_event (store_id, kind, starts_at, ends_at, closes_store, expected_uplift, recorded_by, recorded_at) VALUES
                ('store-a', 'promotion', '2026-03-05T00:00:00+08', '2026-03-07T00:00:00+08', false, 0.2, 't', now()),
                ('store-a', 'weather-closure', '2026-03-10T00:00:00+08', '2026-03-11T00:00:00+08', true, null, 't', now()),
                ('store-a', 'outage', '2026-03-12T10:00:00+08', '2026-03-12T11:00:00+08', false, null, 't', now()),
                ('store-a', 'refit', '2026-04-02T00:00:00+08', '2026-04-05T00:00:00+08', true, null, 't', now());
            """);

        var facts = await new DecompositionBaselines(database.DataSource).Read("region-t", March, Now, new DecompositionOptions(), Cancellation);

        Assert.Equal(["store-a", "store-b"], facts.Select(f => f.StoreId));
        var a = facts[0];
        Assert.Equal((110m, 700m, 500m), (a.LastYearMonthSales, a.RecentSales, a.RecentSalesLastYear));
        Assert.Equal(Now.AddDays(-1), a.RecentFirstSaleAt);
        Assert.Equal("Asia/Shanghai", a.TimeZone.Id);
        Assert.Null(a.InventoryTurnover);
        Assert.Equal([(false, 0.2m), (true, null)], a.Events.Select(e => (e.ClosesStore, e.ExpectedUplift)));
        Assert.Equal((0m, 0m, 0m, null), (facts[1].LastYearMonthSales, facts[1].RecentSales, facts[1].RecentSalesLastYear, facts[1].RecentFirstSaleAt));
        Assert.Empty(facts[1].Events);
    }
}
