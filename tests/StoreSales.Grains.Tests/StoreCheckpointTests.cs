using Dapper;
using Orleans.Core.Internal;
using StoreSales.Abstractions.Stores;
using StoreSales.Data.Ledger;
using StoreSales.Testing;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.Grains.Tests;

/// <summary>
/// Sales are counted in memory and checkpointed later; the ledger is the system of record. Whatever happens to the
/// grain between the two, a reactivated store's figures equal the ledger.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class StoreCheckpointTests(GrainClusterFixture fixture)
{
    private const string Tea = "6920433218190";
    private static readonly DateTimeOffset Now = GrainClusterFixture.Now;

    [Fact]
    public async Task A_crash_after_the_ledger_commit_and_before_the_checkpoint_loses_nothing()
    {
        const string StoreId = "store-ckpt-crash";
        await fixture.AddStore(StoreId);
        var store = fixture.Grains.GetGrain<IStoreGrain>(StoreId);
        var ledger = new SaleLedger(fixture.Database.DataSource);

        // Two sales counted and checkpointed (a graceful deactivation writes the checkpoint).
        await Ingest(ledger, StoreId, Sale("T01", 1, Now.AddMinutes(-30), (Tea, 2, 5m)), Sale("T01", 2, Now.AddMinutes(-20), (Tea, 1, 5m)));
        await Deactivate(store, StoreId);

        // A third counted in memory only, then the silo "dies": its checkpoint never reaches storage.
        await Ingest(ledger, StoreId, Sale("T01", 3, Now.AddMinutes(-10), (Tea, 4, 5m)));
        var beforeCrash = await store.GetProgress();
        fixture.Storage.Crash(StoreId);
        await Deactivate(store, StoreId);

        // Meanwhile a sale the grain never heard of (its ApplySales timed out) is in the ledger too.
        await ledger.Append(StoreId, [Sale("T01", 4, Now.AddMinutes(-5), (Tea, 1, 5m))], TestContext.Current.CancellationToken);

        var after = await Eventually.Until(store.GetProgress, p => p.Day.SalesCount == 4);
        var again = await store.ApplySales([new StoreSale("T01", 3, Now.AddMinutes(-10), 20m, [new StoreSaleLine(Tea, 4, 20m)])]);

        Assert.Equal((35m, 3), (beforeCrash.Day.Actual, beforeCrash.Day.SalesCount));
        Assert.Equal(await LedgerTotal(StoreId, Now.AddHours(-15)), after.Day.Actual);
        Assert.Equal((40m, 4, 40m), (after.Day.Actual, after.Day.SalesCount, after.Month.Actual));
        Assert.True(after.Version > beforeCrash.Version, "the reactivated store's version stays above what it published before");
        Assert.Equal(new SalesApplied(0, 1), again);
        // Hot items come from the last hour's read once, not again from the tail: 2 + 1 + 4 + 1 units of tea.
        Assert.Equal(8m, after.HotItems.Single(h => h.ItemCode == Tea).Units);
    }

    [Fact]
    public async Task A_store_woken_by_a_batch_its_ledger_already_holds_shows_that_batch_on_the_boards_at_once()
    {
        const string StoreId = "store-ckpt-wake";
        await fixture.AddStore(StoreId);
        var store = fixture.Grains.GetGrain<IStoreGrain>(StoreId);
        var ledger = new SaleLedger(fixture.Database.DataSource);
        await using var heard = await HeardBoardUpdates.Subscribe(fixture.Cluster.Client);

        // Until the notifier has read the new host off the directory (it keeps its list a moment) a publish goes
        // nowhere: the till keeps selling until this host has heard the store once.
        var sequence = 0L;
        await Eventually.Holds(
            async () =>
            {
                await Ingest(ledger, StoreId, Sale("T01", ++sequence, Now.AddMinutes(-30), (Tea, 1, 5m)));
                return heard.Stores.Any(p => p.StoreId == StoreId);
            },
            "a sale of store-ckpt-wake heard by the board host",
            cancellationToken: TestContext.Current.CancellationToken);
        await Deactivate(store, StoreId);

        // The morning's first batch: the ingest commits it to the ledger, then wakes the grain with it. Activation
        // counts it from the ledger tail, so the batch itself is "already counted"; the boards must still see it now,
        // not at the store's first pace refresh (a random moment within the 30 s refresh interval).
        var applied = await Ingest(ledger, StoreId, Sale("T01", sequence + 1, Now.AddMinutes(-1), (Tea, 1, 5m)));

        Assert.Equal(new SalesApplied(0, 1), applied);
        Assert.True(
            await Eventually.Until(() => heard.Stores.Any(p => p.StoreId == StoreId && p.Day.SalesCount == sequence + 1), TimeSpan.FromSeconds(5)),
            $"the board host heard store-ckpt-wake with {sequence + 1} sales within 5 s of the batch that woke it");
    }

    [Fact]
    public async Task A_terminal_the_checkpoint_never_saw_is_found_in_the_ledger_and_counted_from_this_month()
    {
        const string StoreId = "store-ckpt-newterm";
        await fixture.AddStore(StoreId);
        var store = fixture.Grains.GetGrain<IStoreGrain>(StoreId);
        var ledger = new SaleLedger(fixture.Database.DataSource);
        await Ingest(ledger, StoreId, Sale("T01", 1, Now.AddMinutes(-30), (Tea, 1, 10m)));
        await Deactivate(store, StoreId);

        // A new till: sequence 7 last month, 8 and 9 this month (one earlier this month, one today).
        await ledger.Append(
            StoreId,
            [Sale("T09", 7, Now.AddMonths(-1), (Tea, 1, 1000m)), Sale("T09", 8, Now.AddDays(-3), (Tea, 1, 100m)), Sale("T09", 9, Now.AddMinutes(-3), (Tea, 1, 30m))],
            TestContext.Current.CancellationToken);

        var after = await Eventually.Until(store.GetProgress, p => p.Month.Actual == 140m);
        var retried = await store.ApplySales([new StoreSale("T09", 8, Now.AddDays(-3), 100m, [])]);
        var next = await store.ApplySales([new StoreSale("T09", 10, Now.AddMinutes(-1), 5m, [])]);

        Assert.Equal((40m, 2), (after.Day.Actual, after.Day.SalesCount));
        Assert.Equal(140m, after.Month.Actual);
        Assert.Equal(new SalesApplied(0, 1), retried);
        Assert.Equal(new SalesApplied(1, 0), next);
    }

    [Fact]
    public async Task A_live_store_catches_up_with_sales_whose_ApplySales_never_arrived()
    {
        const string StoreId = "store-ckpt-catchup";
        await fixture.AddStore(StoreId);
        var store = fixture.Grains.GetGrain<IStoreGrain>(StoreId);
        var ledger = new SaleLedger(fixture.Database.DataSource);
        await Ingest(ledger, StoreId, Sale("T01", 1, Now.AddMinutes(-30), (Tea, 1, 10m)));

        // Committed, but the grain call timed out and was dropped: T01 2 and a first sale of T02.
        await ledger.Append(StoreId, [Sale("T01", 2, Now.AddMinutes(-20), (Tea, 1, 20m)), Sale("T02", 1, Now.AddMinutes(-10), (Tea, 1, 30m))], TestContext.Current.CancellationToken);
        var caughtUp = await store.CatchUpFromLedger();
        var again = await store.CatchUpFromLedger();
        var progress = await store.GetProgress();

        Assert.Equal(new SalesApplied(2, 0), caughtUp);
        Assert.Equal(new SalesApplied(0, 0), again);
        Assert.Equal((60m, 3), (progress.Day.Actual, progress.Day.SalesCount));
    }

    [Fact]
    public async Task A_store_that_counted_CheckpointAfterSales_sales_checkpoints_without_waiting_for_the_interval()
    {
        const string StoreId = "store-ckpt-busy";
        await fixture.AddStore(StoreId);
        var store = fixture.Grains.GetGrain<IStoreGrain>(StoreId);
        await store.GetProgress();
        var before = fixture.Storage.Writes(StoreId);

        var few = await store.ApplySales([.. Enumerable.Range(1, GrainClusterFixture.CheckpointAfterSales - 1).Select(n => new StoreSale("T01", n, Now, 1m, []))]);
        var writesAfterFew = fixture.Storage.Writes(StoreId);
        await store.ApplySales([new StoreSale("T01", GrainClusterFixture.CheckpointAfterSales, Now, 1m, [])]);

        // Counting alone never writes (the fixture's interval is 10 min); the sale that makes the count due schedules a write.
        Assert.Equal(GrainClusterFixture.CheckpointAfterSales - 1, few.Applied);
        Assert.Equal(before, writesAfterFew);
        Assert.True(await Eventually.Until(() => fixture.Storage.Writes(StoreId) > before), "a checkpoint was written");
    }

    /// <summary>What the ingest API does: the ledger first, then the grain.</summary>
    /// <summary>As the ingest does: the ledger commit first, then the store grain's count; returns the grain's answer.</summary>
    private async Task<SalesApplied> Ingest(SaleLedger ledger, string storeId, params StoreSales.Contracts.Ingest.SaleRecord[] sales)
    {
        await ledger.Append(storeId, sales, TestContext.Current.CancellationToken);
        return await fixture.Grains.GetGrain<IStoreGrain>(storeId).ApplySales(
            [.. sales.Select(s => new StoreSale(s.TerminalId, s.Sequence, s.RungUpAt, s.Total, [.. s.Lines.Select(l => new StoreSaleLine(l.ItemCode, l.Quantity, l.Amount))]))]);
    }

    /// <summary>Deactivates the store and waits until its deactivation tried to write (kept or lost) its checkpoint.</summary>
    private async Task Deactivate(IStoreGrain store, string storeId)
    {
        var writes = fixture.Storage.Writes(storeId);
        await store.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        Assert.True(await Eventually.Until(() => fixture.Storage.Writes(storeId) > writes), "the deactivation wrote a checkpoint");
    }

    private async Task<decimal> LedgerTotal(string storeId, DateTimeOffset from)
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<decimal>("SELECT coalesce(sum(total), 0) FROM sale WHERE store_id = @storeId AND rung_up_at >= @from", new { storeId, from = from.ToUniversalTime() });
    }
}
