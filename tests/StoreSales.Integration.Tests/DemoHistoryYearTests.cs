using Microsoft.Extensions.Time.Testing;
using StoreSales.Data.Demo;
using StoreSales.Domain.Demo;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// The demo's year of history goes in through the history import: thirteen months before the live weeks, none after,
/// no sales on a closed day, promotions and closures recorded as store events, seasons visible, and seeding again adds nothing.
/// </summary>
public sealed class DemoHistoryYearTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Thirteen_months_before_the_live_weeks_with_seasons_promotions_and_closed_days_written_once()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.Create("demoyear");
        var chain = DemoChainSeeder.ReadChain(RepositoryPaths.DemoChain);
        var items = DemoChainSeeder.ReadItems(RepositoryPaths.DemoItems).ToList();
        var clock = new FakeTimeProvider(Now);

        var added = await new DemoHistoryYear(database.DataSource).Backfill(chain, items, weeks: 4, months: 13, clock, cancellation);

        // Shanghai's today is 2026-12-05; the live weeks start 28 days before it, the year 13 months before that.
        Assert.True(added > 10_000, $"{added} sales");
        Assert.Equal(added, await database.Count("SELECT count(*) FROM sale WHERE terminal_id = 'hist:YEAR'"));
        Assert.Equal("2025-10-07|2026-11-06", string.Join('|', await Days(database, "min"), await Days(database, "max")));
        Assert.Equal(0, await database.Count(
            """
            SELECT count(*) FROM sale s JOIN store_event e ON e.store_id = s.store_id AND e.closes_store
            WHERE s.terminal_id = 'hist:YEAR' AND s.rung_up_at >= e.starts_at AND s.rung_up_at < e.ends_at
            """));
        Assert.True(await database.Count("SELECT count(*) FROM store_event WHERE kind = 'weather-closure' AND recorded_by = 'demo-seeder'") >= chain.Stores.Count * 2);
        Assert.True(await database.Count("SELECT count(*) FROM store_event WHERE kind = 'promotion' AND expected_uplift = @uplift", new { uplift = DemoSeasons.PromotionUplift }) >= chain.Stores.Count * 4);
        var november = await database.Count("SELECT sum(total) FROM sale WHERE store_id = 'store-sh001' AND terminal_id = 'hist:YEAR' AND rung_up_at >= '2025-11-01' AND rung_up_at < '2025-12-01'");
        var february = await database.Count("SELECT sum(total) FROM sale WHERE store_id = 'store-sh001' AND terminal_id = 'hist:YEAR' AND rung_up_at >= '2026-02-01' AND rung_up_at < '2026-03-01'");
        Assert.True(november > february * 1.2, $"November {november}, February {february}");

        Assert.Equal(0, await new DemoHistoryYear(database.DataSource).Backfill(chain, items, weeks: 4, months: 13, clock, cancellation));
        Assert.Equal(added, await database.Count("SELECT count(*) FROM sale WHERE terminal_id = 'hist:YEAR'"));
    }

    private static async Task<string> Days(TestDatabase database, string which)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection,
            $"SELECT to_char({which}(rung_up_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD') FROM sale WHERE terminal_id = 'hist:YEAR'") ?? "";
    }
}
