using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StoreSales.Abstractions.Targets;
using StoreSales.Grains;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// The real silo on PostgreSQL (ADO.NET reminders) with the chain's clock in the test's hand: at start on 31 October it
/// reports September (missed while the silo was "down"), not October; when the clock passes 02:00 on 1 November the
/// reminder reports October with the store's figures and causes; a restarted silo reports nothing twice.
/// </summary>
public sealed class AttributionReportSiloTests
{
    private static readonly DateTimeOffset HalloweenEvening = new(2026, 10, 31, 23, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_month_before_is_reported_once_after_the_month_turns_on_the_chain_clock()
    {
        await using var database = await TestDatabase.Create("attribution", seedDemo: false);
        await using (var connection = await database.DataSource.OpenConnectionAsync(Cancellation))
        {
            // A store open 10:00–20:00 with a flat profile (no history): October's 300,000 target is 1,000 an open hour
            // on each of its 31 days … 9,677.42 a day. It sold 280,000 and was closed by a typhoon for four hours.
            await connection.ExecuteAsync(
                """
                INSERT INTO region (region_id, name) VALUES ('region-attr', 'Attribution');
                INSERT INTO store (store_id, name, region_id, time_zone, opens, closes) VALUES ('store-attr', 'Attr', 'region-attr', 'Asia/Shanghai', '10:00', '20:00');
                INSERT INTO store_target (store_id, month, amount) VALUES ('store-attr', '2026-10-01', 310000);
                INSERT INTO sale (store_id, terminal_id, sequence, kind, rung_up_at, captured_at, total)
                SELECT 'store-attr', 'T1', n, 'sale', timestamptz '2026-10-01 12:00+08' + (n - 1) * interval '1 day', now(), 10000
                FROM generate_series(1, 28) n;
                INSERT INTO store_event (store_id, kind, starts_at, ends_at, closes_store, recorded_by, recorded_at)
                VALUES ('store-attr', 'weather-closure', '2026-10-15 14:00+08', '2026-10-15 18:00+08', true, 'manager', now());
                """);
        }

        var clock = new FakeTimeProvider(HalloweenEvening);
        var clusterId = "attribution-" + Guid.NewGuid().ToString("N")[..8];
        var settings = new Dictionary<string, string?>
        {
            ["Orleans:MinimumReminderPeriod"] = "00:00:01",
            ["Targets:AttributionRun:CheckEvery"] = "00:00:01",
        };
        void ChainClock(IServiceCollection services) => services.AddKeyedSingleton<TimeProvider>(SalesForceClock.Key, clock);

        DateTime octoberAt;
        await using (var silo = await SiloUnderTest.Start(database, clusterId, settings, services: ChainClock))
        {
            var grain = silo.Grains().GetGrain<IAttributionReportGrain>(0);
            var september = await Eventually.Until(grain.GetStatus, s => s.LastReported == new DateOnly(2026, 9, 1), TimeSpan.FromSeconds(60));
            Assert.Equal(0, await database.Count("SELECT count(*) FROM attribution_report WHERE month = '2026-10-01'"));
            Assert.Equal(0, september.LastRun!.Stores);

            // 02:00 on the 1st in Shanghai: October is due, and the reminder (every second here) reports it.
            clock.SetUtcNow(new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.FromHours(8)));
            var october = await Eventually.Until(grain.GetStatus, s => s.LastReported == new DateOnly(2026, 10, 1), TimeSpan.FromSeconds(60));
            Assert.Equal(1, october.LastRun!.Stores);
            octoberAt = (await database.DataSource.CreateConnection().QuerySingleAsync<DateTime>("SELECT generated_at FROM attribution_report WHERE month = '2026-10-01'"));
        }

        // Gap 30,000: four typhoon hours of 310 open hours cost 4,000; nothing else is recorded.
        var row = await database.DataSource.CreateConnection().QuerySingleAsync<(decimal Target, decimal Actual, decimal Objective, decimal Management, decimal Unexplained)>(
            "SELECT target, actual, objective, management, unexplained FROM attribution_store WHERE month = '2026-10-01' AND store_id = 'store-attr'");
        Assert.Equal((310_000m, 280_000m, 4_000m, 0m, 26_000m), row);

        await using var restarted = await SiloUnderTest.Start(database, clusterId, settings, services: ChainClock);
        var again = await restarted.Grains().GetGrain<IAttributionReportGrain>(0).RunIfDue();

        Assert.Equal(new DateOnly(2026, 10, 1), again.LastReported);
        Assert.Null(again.Running);
        Assert.Equal(1, await database.Count("SELECT count(*) FROM OrleansRemindersTable WHERE ReminderName = 'attribution-report'"));
        Assert.Equal(1, await database.Count("SELECT count(*) FROM attribution_report WHERE month = '2026-10-01' AND generated_at = @octoberAt", new { octoberAt }));
    }
}
