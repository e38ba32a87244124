using System.Net.Http.Json;
using StoreSales.Abstractions.Stores;
using StoreSales.Contracts.Ingest;
using StoreSales.Testing;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.Integration.Tests;

public sealed class SiloRestartTests
{
    [Fact]
    public async Task A_stores_figures_survive_a_silo_restart()
    {
        await using var database = await TestDatabase.Create("restart");
        var clusterId = "restart-" + Guid.NewGuid().ToString("N")[..8];
        var now = DateTimeOffset.UtcNow;
        StoreProgress before;
        await using (var silo = await SiloUnderTest.Start(database, clusterId))
        {
            using var agent = silo.CreateClient("demo-key-store-gz001");
            var batch = new SaleBatch { Sales = [Sale("T01", 1, now, ("6920433218190", 3, 3.5m)), Sale("T02", 1, now, ("6970013389086", 1, 4m))] };
            (await agent.PostAsJsonAsync("/api/stores/store-gz001/sales/batches", batch, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
            before = await silo.Grains().GetGrain<IStoreGrain>("store-gz001").GetProgress();
        }

        await using var restarted = await SiloUnderTest.Start(database, clusterId);
        var after = await restarted.Grains().GetGrain<IStoreGrain>("store-gz001").GetProgress();
        using var retry = restarted.CreateClient("demo-key-store-gz001");
        var again = new SaleBatch { Sales = [Sale("T01", 1, now, ("6920433218190", 3, 3.5m))] };
        var ack = await (await retry.PostAsJsonAsync("/api/stores/store-gz001/sales/batches", again, TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<BatchAck>(TestContext.Current.CancellationToken);
        var afterRetry = await restarted.Grains().GetGrain<IStoreGrain>("store-gz001").GetProgress();

        Assert.Equal(14.5m, before.Day.Actual);
        Assert.Equal((before.Day.Actual, before.Day.SalesCount, before.Day.Status), (after.Day.Actual, after.Day.SalesCount, after.Day.Status));
        Assert.Equal(before.Month.Actual, after.Month.Actual);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(1, ack!.Duplicates);
        Assert.Equal(14.5m, afterRetry.Day.Actual);
    }
}

public sealed class LedgerRebuildTests
{
    [Fact]
    public async Task A_store_whose_live_state_is_lost_rebuilds_it_from_the_ledger()
    {
        await using var database = await TestDatabase.Create("rebuild");
        var clusterId = "rebuild-" + Guid.NewGuid().ToString("N")[..8];
        var now = DateTimeOffset.UtcNow;
        var batch = new SaleBatch
        {
            Sales = [Sale("T01", 1, now, ("6920433218190", 2, 3.5m)), Sale("T01", 2, now, ("6970013389086", 1, 4m)), Sale("T02", 7, now, ("6920433218190", 1, 3.5m))],
        };
        StoreProgress before;
        await using (var silo = await SiloUnderTest.Start(database, clusterId))
        {
            using var agent = silo.CreateClient("demo-key-store-sz001");
            (await agent.PostAsJsonAsync("/api/stores/store-sz001/sales/batches", batch, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
            before = await silo.Grains().GetGrain<IStoreGrain>("store-sz001").GetProgress();
        }

        // This store's row only: its region may have woken (and checkpointed) other stores of the region meanwhile.
        Assert.Equal(1, await database.Count("DELETE FROM orleansstorage WHERE graintypestring = 'store' AND grainidextensionstring = 'store-sz001' RETURNING 1"));

        await using var restarted = await SiloUnderTest.Start(database, clusterId);
        var rebuilt = await restarted.Grains().GetGrain<IStoreGrain>("store-sz001").GetProgress();
        using var retry = restarted.CreateClient("demo-key-store-sz001");
        (await retry.PostAsJsonAsync("/api/stores/store-sz001/sales/batches", batch, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var afterRetry = await restarted.Grains().GetGrain<IStoreGrain>("store-sz001").GetProgress();

        Assert.Equal(14.5m, before.Day.Actual);
        Assert.Equal((before.Day.Actual, before.Day.SalesCount, before.Month.Actual), (rebuilt.Day.Actual, rebuilt.Day.SalesCount, rebuilt.Month.Actual));
        Assert.Equal(before.HotItems.Select(h => (h.ItemCode, h.Units)), rebuilt.HotItems.Select(h => (h.ItemCode, h.Units)));
        Assert.Equal(14.5m, afterRetry.Day.Actual);
    }
}
