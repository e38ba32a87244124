using StoreSales.Abstractions.Stores;
using StoreSales.Contracts.Ingest;
using StoreSales.Data.Ledger;

namespace StoreSales.Grains.Tests;

/// <summary>
/// A store woken by the scans that the ingest endpoint has just written counts them once: its activation reads the ledger's
/// last hour, and the call that woke it carries the same scans. A cluster of its own, so nothing else wakes the store first.
/// </summary>
public sealed class StoreScanActivationTests(ScanSourcedClusterFixture fixture) : IClassFixture<ScanSourcedClusterFixture>
{
    private const string Cola = "6970013389086";

    private static DateTimeOffset Now => ScanSourcedClusterFixture.Now;

    [Fact]
    public async Task The_scans_that_wake_a_store_are_counted_once_though_its_activation_read_them_from_the_ledger()
    {
        // The ingest endpoint writes scans to the ledger, then hands them to the store grain: when that call activates the
        // grain, its activation already reads them from the ledger's last hour.
        const string StoreId = "store-sz001";
        var cancellation = TestContext.Current.CancellationToken;
        var records = Enumerable.Range(1, 2)
            .Select(i => new ScanRecord { TerminalId = "T05", Sequence = i, ScannedAt = Now.AddMinutes(-3), Code = Cola, Symbology = "]E0", Kind = ScanKinds.Gtin })
            .ToList();
        using var scans = new ScanLedger(fixture.Database.DataSource, Microsoft.Extensions.Options.Options.Create(new ScanLedgerOptions()));
        await scans.Append(StoreId, records, cancellation);

        var store = fixture.Cluster.Client.GetGrain<IStoreGrain>(StoreId);
        await store.ApplyScans([.. records.Select(r => new StoreScan(r.TerminalId, r.Sequence, r.ScannedAt, r.Code, true, null))]);

        Assert.Equal(new Dictionary<string, decimal> { [Cola] = 2m }, (await store.GetProgress()).HotItems.ToDictionary(h => h.ItemCode, h => h.Units));
    }
}
