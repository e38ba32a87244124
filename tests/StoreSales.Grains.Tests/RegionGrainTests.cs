using StoreSales.Abstractions.Regions;
using StoreSales.Abstractions.Stores;

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

        // Stores report to their region on a short coalescing timer.
        RegionProgress progress;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            progress = await region.GetProgress();
            if (progress.Day.Actual == 350m)
            {
                break;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal(350m, progress.Day.Actual);
        Assert.Equal(["store-gz001", "store-sz001", "store-xm001"], progress.Stores.Select(s => s.StoreId));
        Assert.Equal("South China", progress.Name);
        var storeTargets = await Task.WhenAll(progress.Stores.Select(s => fixture.Grains.GetGrain<IStoreGrain>(s.StoreId).GetProgress()));
        Assert.Equal(storeTargets.Sum(s => s.Day.Target), progress.Day.Target);
    }
}
