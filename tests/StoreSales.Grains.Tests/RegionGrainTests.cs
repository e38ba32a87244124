using Dapper;
using StoreSales.Abstractions.Regions;
using StoreSales.Abstractions.Stores;
using StoreSales.Testing;

namespace StoreSales.Grains.Tests;

[Collection(GrainClusterCollection.Name)]
public sealed class RegionGrainTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task A_region_adds_up_its_stores()
    {
        var now = GrainClusterFixture.Now;
        await fixture.Grains.GetGrain<IStoreGrain>("store-gz001").ApplySales([new StoreSale("T01", 1, now, 100m, [new StoreSaleLine("6920433218190", 1, 100m)])]);
        await fixture.Grains.GetGrain<IStoreGrain>("store-sz001").ApplySales([new StoreSale("T01", 1, now, 250m, [new StoreSaleLine("6920433218190", 1, 250m)])]);
        var region = fixture.Grains.GetGrain<IRegionGrain>("region-south");

        // Stores report to their region on a short coalescing timer; the region also warms up by asking them.
        var progress = await Eventually.Until(region.GetProgress, p => p.Day.Actual == 350m && !p.WarmingUp);

        Assert.Equal(350m, progress.Day.Actual);
        Assert.Equal((3, 3), (progress.StoresKnown, progress.StoresTotal));
        Assert.Equal(["store-gz001", "store-sz001", "store-xm001"], progress.Stores.Select(s => s.StoreId));
        Assert.Equal("South China", progress.Name);
        var stores = await Task.WhenAll(progress.Stores.Select(s => fixture.Grains.GetGrain<IStoreGrain>(s.StoreId).GetProgress()));
        Assert.Equal(stores.Sum(s => s.Day.Target), progress.Day.Target);
        Assert.Equal(stores.Sum(s => s.Month.Target), progress.Month.Target);
        Assert.Equal(stores.Sum(s => s.Day.SalesCount), progress.Day.SalesCount);
    }

    [Fact]
    public async Task A_large_region_answers_before_it_knows_its_stores_and_then_learns_them_a_few_at_a_time()
    {
        const int Stores = 60;
        await using (var connection = await fixture.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync("INSERT INTO region (region_id, name) VALUES ('region-warm', 'Warm-up')");
            await connection.ExecuteAsync(
                """
                INSERT INTO store (store_id, name, region_id, latitude, longitude, time_zone, opens, closes)
                SELECT 'store-warm' || lpad(n::text, 3, '0'), 'Warm ' || n, 'region-warm', 31.2, 121.4, 'Asia/Shanghai', '08:00', '22:00'
                FROM generate_series(1, @Stores) AS n
                """,
                new { Stores });
        }

        var region = fixture.Grains.GetGrain<IRegionGrain>("region-warm");
        var first = await region.GetProgress();
        var warm = await Eventually.Until(region.GetProgress, p => !p.WarmingUp);

        // Each store's activation reads master data and the ledger; asked 4 at a time, 60 cannot all be in by the first answer.
        Assert.Equal(Stores, first.StoresTotal);
        Assert.True(first.StoresKnown < Stores, $"answered after hearing from {first.StoresKnown} stores");
        Assert.True(first.WarmingUp);
        Assert.Equal((Stores, Stores), (warm.StoresKnown, warm.StoresTotal));
        Assert.Equal(Stores, warm.Stores.Length);
    }
}
