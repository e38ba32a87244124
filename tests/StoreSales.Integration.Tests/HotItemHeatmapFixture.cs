using Dapper;
using StoreSales.Contracts.Ingest;
using StoreSales.Data.Ledger;
using StoreSales.Testing;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.Integration.Tests;

/// <summary>
/// A database holding a known set of sales around <see cref="At"/> (a Wednesday, 15:00 in Shanghai, 07:00 in London),
/// with the same weekday's history in the four weeks before. Every figure the hot-item tests expect follows from
/// these sales; the comments give the arithmetic.
/// </summary>
public sealed class HotItemHeatmapFixture : IAsyncLifetime
{
    public const string Tea = "6920433218190";    // Jasmine green tea 500ml
    public const string Cola = "6970013389086";   // Oolong tea 500ml
    public const string Milk = "6948637940266";   // Milk tea cup
    public const string London = "store-ldn01";   // Europe/London, region-south: another time zone, and daylight saving in its history

    public static readonly DateTimeOffset At = new(2026, 11, 18, 7, 0, 0, TimeSpan.Zero);

    public TestDatabase Database { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.Create("hotitems");
        await using (var connection = await Database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO store (store_id, name, region_id, latitude, longitude, time_zone, opens, closes)
                VALUES (@London, 'London Soho', 'region-south', 51.51, -0.13, 'Europe/London', '07:00', '22:00')
                """,
                new { London });
        }

        var ledger = new SaleLedger(Database.DataSource);
        var cancel = CancellationToken.None;

        // store-sh001: in the last hour tea 4 + 2 and cola 2 (sold together with the first tea); at 07:00 Shanghai
        // (23:00 UTC the day before) one tea that counts for today only. Every previous Wednesday at 14:30 local, 2 teas.
        await ledger.Append("store-sh001",
        [
            Sale("T01", 1, At.AddMinutes(-50), (Tea, 4, 3.50m), (Cola, 2, 4.00m)),
            Sale("T01", 2, At.AddMinutes(-20), (Tea, 2, 3.50m)),
            Sale("T01", 3, new DateTimeOffset(2026, 11, 17, 23, 0, 0, TimeSpan.Zero), (Tea, 1, 3.50m)),
            .. Enumerable.Range(1, 4).Select(k => Sale("HIST", k, At.AddDays(-7 * k).AddMinutes(-30), (Tea, 2, 3.50m))),
        ], cancel);

        // store-sh002: 10 teas ten minutes ago, 100 teas an hour and ten minutes ago (today, not the last hour);
        // history only in the last two weeks (10 teas each), so its usual is averaged over two weeks, not four.
        await ledger.Append("store-sh002",
        [
            Sale("T01", 1, At.AddMinutes(-10), (Tea, 10, 3.50m)),
            Sale("T01", 2, At.AddMinutes(-70), (Tea, 100, 3.50m)),
            .. Enumerable.Range(1, 2).Select(k => Sale("HIST", k, At.AddDays(-7 * k).AddMinutes(-10), (Tea, 10, 3.50m))),
        ], cancel);

        // store-gz001: 5 colas, no history at all.
        await ledger.Append("store-gz001", [Sale("T01", 1, At.AddMinutes(-55), (Cola, 5, 4.00m))], cancel);

        // London: 4 milk teas at 06:30. Four weeks ago London was on summer time: the same local hour (06:00–07:00
        // BST) was 05:00–06:00 UTC, so the 8 milk teas at 05:30 UTC are its usual and the 100 at 06:30 UTC (07:30
        // local) are not. A tea at 23:00 UTC yesterday is yesterday in London.
        await ledger.Append(London,
        [
            Sale("T01", 1, At.AddMinutes(-30), (Milk, 4, 6.00m)),
            Sale("T01", 2, new DateTimeOffset(2026, 11, 17, 23, 0, 0, TimeSpan.Zero), (Tea, 1, 3.50m)),
            Sale("HIST", 1, new DateTimeOffset(2026, 10, 21, 5, 30, 0, TimeSpan.Zero), (Milk, 8, 6.00m)),
            Sale("HIST", 2, new DateTimeOffset(2026, 10, 21, 6, 30, 0, TimeSpan.Zero), (Milk, 100, 6.00m)),
        ], cancel);
    }

    public async ValueTask DisposeAsync() => await Database.DisposeAsync();
}

/// <summary>A clock standing still at a chosen moment, moved only by the test.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
