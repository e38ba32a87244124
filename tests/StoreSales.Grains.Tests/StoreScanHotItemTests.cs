using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.TestingHost;
using StoreSales.Abstractions.Chain;
using StoreSales.Abstractions.Live;
using StoreSales.Abstractions.Stores;
using StoreSales.Contracts.Ingest;
using StoreSales.Data.Chain;
using StoreSales.Data.Ledger;
using StoreSales.Domain.HotItems;
using StoreSales.Testing;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.Grains.Tests;

/// <summary>
/// A terminal configured scan-sourced moves its store's hot items at the scan, before the receipt closes, and its
/// sale then leaves them alone: the item is counted once. Other terminals count by their sales, as before.
/// </summary>
public sealed class StoreScanHotItemTests(ScanSourcedClusterFixture fixture) : IClassFixture<ScanSourcedClusterFixture>
{
    private const string Tea = "6920433218190";
    private const string Cola = "6970013389086";

    private static DateTimeOffset Now => ScanSourcedClusterFixture.Now;

    private static StoreScan Scan(string terminal, long sequence, string code, bool namesItem = true) =>
        new(terminal, sequence, Now.AddMinutes(-2), code, namesItem, null);

    private static Dictionary<string, decimal> Units(StoreProgress progress) =>
        progress.HotItems.ToDictionary(h => h.ItemCode, h => h.Units);

    [Fact]
    public async Task A_scan_sourced_terminals_item_moves_at_the_scan_and_is_counted_once_when_its_sale_arrives()
    {
        var store = fixture.Cluster.Client.GetGrain<IStoreGrain>("store-sh001");

        // T05 is scan-sourced: three scans (two teas, one member card) before its receipt closes.
        await store.ApplyScans([Scan("T05", 1, Tea), Scan("T05", 2, Tea), Scan("T05", 3, "004711", namesItem: false)]);
        Assert.Equal(new Dictionary<string, decimal> { [Tea] = 2m }, Units(await store.GetProgress()));

        // Its sale arrives with those two teas: the figures count it, the hot items do not count the teas again.
        var applied = await store.ApplySales([new StoreSale("T05", 1, Now.AddMinutes(-1), 7m, [new StoreSaleLine(Tea, 2, 7m)])]);
        var progress = await store.GetProgress();
        Assert.Equal(new SalesApplied(1, 0), applied);
        Assert.Equal(7m, progress.Day.Actual);
        Assert.Equal(new Dictionary<string, decimal> { [Tea] = 2m }, Units(progress));

        // T01 counts by its sales: its scan moves nothing, its sale does.
        await store.ApplyScans([Scan("T01", 1, Cola)]);
        Assert.False(Units(await store.GetProgress()).ContainsKey(Cola));
        await store.ApplySales([new StoreSale("T01", 1, Now.AddMinutes(-1), 4m, [new StoreSaleLine(Cola, 1, 4m)])]);
        Assert.Equal(new Dictionary<string, decimal> { [Tea] = 2m, [Cola] = 1m }, Units(await store.GetProgress()));
    }

    [Fact]
    public async Task The_scans_that_moved_the_hot_items_go_to_the_board_hosts_for_the_HQ_heatmap_and_no_others()
    {
        // store-hz001 (no other test's; of store-sh001's region, whose grain the first test wakes, not store-sz001's): its T05
        // counts by its scans, T01 by its sales.
        const string StoreId = "store-hz001";
        await using var heard = await HeardBoardUpdates.Subscribe(fixture.Cluster.Client);
        var store = fixture.Cluster.Client.GetGrain<IStoreGrain>(StoreId);
        // Until the notifier has read the new host off the directory (it keeps its list a moment), a receipt's scans
        // go nowhere, so the till keeps scanning: a tea and a member card at T05, a cola at T01.
        var sequence = 0L;
        await Eventually.Holds(
            async () =>
            {
                if (++sequence % 10 == 1)
                {
                    await store.ApplyScans([Scan("T05", sequence, Tea), Scan("T05", sequence + 1, "004711", namesItem: false), Scan("T01", sequence, Cola)]);
                }

                return heard.Scans.Any(s => s.StoreId == StoreId);
            },
            "a scan of store-hz001 heard by the board host",
            cancellationToken: TestContext.Current.CancellationToken);

        var scans = heard.Scans.Where(s => s.StoreId == StoreId).ToList();
        Assert.All(scans, s =>
        {
            Assert.Equal(("region-east", "T05", Tea, 1m, Now.AddMinutes(-2)), (s.RegionId, s.TerminalId, s.ItemCode, s.Units, s.ScannedAt));
            Assert.Equal(1, s.Sequence % 10);
        });
        Assert.Equal(scans.Count, scans.DistinctBy(s => s.Sequence).Count());
    }

    [Fact]
    public async Task A_store_that_activates_reads_its_scan_sourced_terminals_window_from_the_scan_ledger_not_their_sales()
    {
        // A store of another region than store-sh001's: the region grain woken by the other test asks every store of its
        // region for its progress, which would activate this store before its ledger rows are in.
        const string StoreId = "store-sz001";
        var cancellation = TestContext.Current.CancellationToken;
        using var scans = new ScanLedger(fixture.Database.DataSource, Microsoft.Extensions.Options.Options.Create(new ScanLedgerOptions()));
        await scans.Append(
            StoreId,
            [.. Enumerable.Range(1, 3).Select(i => new ScanRecord { TerminalId = "T05", Sequence = i, ScannedAt = Now.AddMinutes(-10), Code = Tea, Symbology = "]E0", Kind = ScanKinds.Gtin })],
            cancellation);

        // The same teas' sale of T05 and a cola sold at T01, both in the sales ledger.
        await new SaleLedger(fixture.Database.DataSource).Append(
            StoreId,
            [Sale("T05", 1, Now.AddMinutes(-9), (Tea, 3, 3.5m)), Sale("T01", 1, Now.AddMinutes(-9), (Cola, 2, 4m))],
            cancellation);

        var progress = await fixture.Cluster.Client.GetGrain<IStoreGrain>(StoreId).GetProgress();

        Assert.Equal(new Dictionary<string, decimal> { [Tea] = 3m, [Cola] = 2m }, Units(progress));
    }
}

/// <summary>A one-silo cluster whose stores <c>store-sh001</c> and <c>store-sz001</c> have terminal T05 scan-sourced.</summary>
public sealed class ScanSourcedClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 11, 14, 30, 0, TimeSpan.FromHours(8));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public TestDatabase Database { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.Create("grainscan");
        var builder = new InProcessTestClusterBuilder(1);
        var database = Database;
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new MovableClock(Now)));
            host.Services.AddSingleton<IChainDirectory>(new PgChainDirectory(database.DataSource));
            host.Services.AddSingleton<IStoreLedgerReader>(new PgStoreLedgerReader(database.DataSource));
            host.Services.AddSingleton<Abstractions.StoreEvents.IStoreClosureReader>(new Data.StoreEvents.PgStoreClosureReader(database.DataSource));
            host.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new HotItemOptions
            {
                ScanSourcedTerminals = new(StringComparer.Ordinal) { ["store-sh001"] = ["T05"], ["store-sz001"] = ["T05"], ["store-hz001"] = ["T05"] },
            }));
        });
        builder.ConfigureSilo((_, silo) => silo.AddMemoryGrainStorage(GrainStorageNames.Live));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }
}
