using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using StoreSales.Abstractions.Reps;
using StoreSales.Abstractions.Stores;
using StoreSales.Contracts.Ingest;
using StoreSales.Silo.Ingest;
using StoreSales.Testing;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.Integration.Tests;

/// <summary>
/// Reps hear of their sales from the ingest API after the ledger commit, off the ack: the demo chain's reps
/// (deploy/local/demo-chain.json) on a silo of their own. The ack does not wait for a rep, so the tests wait for the
/// rep's figures (or for the feed to have no batch in flight), never a fixed time.
/// </summary>
public sealed class RepIngestTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private const string StoreId = "store-sh001";
    private const string Key = "demo-key-store-sh001";
    private const string Tea = "6920433218190";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private RepSalesFeed Feed => fixture.Silo.Services.GetRequiredService<RepSalesFeed>();

    private IRepGrain Rep(string repId) => fixture.Silo.Grains().GetGrain<IRepGrain>(repId);

    [Fact]
    public async Task A_sale_posted_with_a_rep_shows_in_that_reps_progress()
    {
        var rep = Rep("rep-sh001-01");
        var other = Rep("rep-sh001-02");
        var before = await rep.GetProgress();
        var otherBefore = await other.GetProgress();

        var ack = await fixture.Silo.PostSales(
            StoreId,
            Key,
            [Sale("R01", 1, Now, (Tea, 2, 30m)) with { RepId = "rep-sh001-01" }, Sale("R01", 2, Now, (Tea, 1, 5m))],
            TestContext.Current.CancellationToken);
        var after = await Eventually.Until(rep.GetProgress, p => p.Month.SalesCount > before.Month.SalesCount);
        await Eventually.Holds(() => Feed.InFlight == 0, "the rep feed has answered", cancellationToken: TestContext.Current.CancellationToken);
        var otherAfter = await other.GetProgress();

        Assert.Equal(2, ack.Accepted);
        Assert.True(after.Known);
        Assert.Equal((StoreId, "region-east"), (after.StoreId, after.RegionId));
        Assert.Equal((60m, 1), (after.Month.Actual - before.Month.Actual, after.Month.SalesCount - before.Month.SalesCount));
        Assert.True(after.Month.Target > 0, "the demo chain gives the rep a monthly target");
        Assert.Equal(otherBefore.Month.Actual, otherAfter.Month.Actual);
    }

    [Fact]
    public async Task The_same_batch_sent_twice_counts_once_for_its_reps()
    {
        var rep = Rep("rep-sh001-03");
        var before = await rep.GetProgress();
        IReadOnlyList<SaleRecord> batch =
        [
            Sale("R02", 1, Now, (Tea, 1, 10m)) with { RepId = "rep-sh001-03" },
            Sale("R02", 2, Now, (Tea, 1, 20m)) with { RepId = "rep-sh001-03" },
        ];

        var first = await fixture.Silo.PostSales(StoreId, Key, batch, TestContext.Current.CancellationToken);
        var second = await fixture.Silo.PostSales(StoreId, Key, batch, TestContext.Current.CancellationToken);
        await Eventually.Holds(() => Feed.InFlight == 0, "the rep feed has answered both batches", cancellationToken: TestContext.Current.CancellationToken);
        var after = await rep.GetProgress();

        Assert.Equal((2, 0), (first.Accepted, first.Duplicates));
        Assert.Equal((0, 2), (second.Accepted, second.Duplicates));
        Assert.Equal((30m, 2), (after.Month.Actual - before.Month.Actual, after.Month.SalesCount - before.Month.SalesCount));
        Assert.Equal(2, await fixture.Database.Count("SELECT count(*) FROM sale WHERE terminal_id = 'R02' AND rep_id = 'rep-sh001-03'"));
    }

    [Fact]
    public async Task A_rep_id_that_cannot_be_a_reps_is_kept_in_the_ledger_and_counted_as_not_heard()
    {
        var meters = fixture.Silo.Services.GetRequiredService<IMeterFactory>();
        var reasons = new List<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == "storesales.ingest.rep_counts.failed")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            lock (reasons)
            {
                reasons.Add((string)tags.ToArray().Single(t => t.Key == "reason").Value!);
            }
        });
        listener.Start();

        var store = fixture.Silo.Grains().GetGrain<IStoreGrain>(StoreId);
        var storeBefore = await store.GetProgress();
        await fixture.Silo.PostSales(StoreId, Key, [Sale("R03", 1, Now, (Tea, 1, 7m)) with { RepId = "20235" }], TestContext.Current.CancellationToken);
        await Eventually.Holds(() => Feed.InFlight == 0, "the rep feed has looked at the batch", cancellationToken: TestContext.Current.CancellationToken);
        var storeAfter = await store.GetProgress();

        lock (reasons)
        {
            Assert.Equal(["unusable_rep_id"], reasons);
        }

        Assert.Equal(7m, storeAfter.Month.Actual - storeBefore.Month.Actual);
        Assert.Equal(1, await fixture.Database.Count("SELECT count(*) FROM sale WHERE terminal_id = 'R03' AND rep_id = '20235'"));
    }

    [Fact]
    public void Rep_ids_that_key_a_rep_grain()
    {
        Assert.True(RepSalesFeed.IsUsableRepId("rep-sh001-01"));
        Assert.True(RepSalesFeed.IsUsableRepId("R001"));
        Assert.False(RepSalesFeed.IsUsableRepId("020235"));
        Assert.False(RepSalesFeed.IsUsableRepId(" "));
        Assert.False(RepSalesFeed.IsUsableRepId(new string('r', 65)));
    }
}
