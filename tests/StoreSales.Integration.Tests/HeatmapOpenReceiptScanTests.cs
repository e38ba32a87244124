using Microsoft.Extensions.Options;
using StoreSales.Contracts.Ingest;
using StoreSales.Data.HotItems;
using StoreSales.Data.Ledger;
using StoreSales.Domain.HotItems;
using StoreSales.Testing;
using static StoreSales.Integration.Tests.HotItemHeatmapFixture;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.Integration.Tests;

/// <summary>
/// The HQ heatmap moves at the scan for a scan-sourced terminal (<c>HotItems:ScanSourcedTerminals</c>, issue 11): the
/// items of the receipt still being rung up count from their scans, and once its sale lands the sale's lines count
/// instead, never both. Scans of other terminals and member cards never count; a scan voided before payment drops out
/// at the terminal's next sale.
/// </summary>
public sealed class HeatmapOpenReceiptScanTests : IAsyncLifetime
{
    private const string Store = "store-sh001";
    private static readonly DateTimeOffset Now = new(2026, 11, 18, 3, 30, 0, TimeSpan.Zero); // 11:30 in Shanghai
    private TestDatabase _database = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.Create("openscans");

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_scan_sourced_terminal_s_open_receipt_counts_from_its_scans_until_its_sale_lands_and_then_only_the_sale()
    {
        await using var sales = new SaleLedger(_database.DataSource);
        using var scans = new ScanLedger(_database.DataSource, Options.Create(new ScanLedgerOptions()));
        var reader = new HotItemHeatmapReader(
            _database.DataSource,
            Options.Create(new HotItemOptions { ScanSourcedTerminals = new(StringComparer.Ordinal) { [Store] = ["T01"] } }),
            Options.Create(new HotItemHeatmapOptions()));

        // T01 rang up a tea at 11:10 (its scan just before); it has since scanned two colas, a 0.75 kg item and a member
        // card for the next receipt. T02 is not scan-sourced: its cola scan waits for its sale.
        await sales.Append(Store, [Sale("T01", 1, Now.AddMinutes(-20), (Tea, 1m, 3.5m))], Cancel);
        await scans.Append(
            Store,
            [
                Scan("T01", 1, Now.AddMinutes(-21), Tea),
                Scan("T01", 2, Now.AddMinutes(-5), Cola),
                Scan("T01", 3, Now.AddMinutes(-4), Cola),
                Scan("T01", 4, Now.AddMinutes(-3), Milk, weightKg: 0.75m),
                Scan("T01", 5, Now.AddMinutes(-2), "M10000001", ScanKinds.Member),
                Scan("T02", 1, Now.AddMinutes(-2), Cola),
            ],
            Cancel);

        var whileOpen = await Cells(reader, HeatmapWindow.Hour);
        var todayWhileOpen = await Cells(reader, HeatmapWindow.Today);
        // As the command center reads "today": the previous weeks from the quarter hour's cached usual.
        var usual = await reader.Usual("region-east", HotItemHeatmapReader.QuarterHourOf(Now), Cancel);
        var todayFromUsual = Of(await reader.Today(usual, "region-east", HeatmapMetric.Units, Now, Cancel));

        // The receipt closes with the two colas only (the weighed item was voided before payment).
        await sales.Append(Store, [Sale("T01", 2, Now.AddMinutes(-1), (Cola, 2m, 4m))], Cancel);
        var afterSale = await Cells(reader, HeatmapWindow.Hour);

        Assert.Equal([(Tea, 1m), (Milk, 0.75m), (Cola, 2m)], whileOpen);
        Assert.Equal(whileOpen, todayWhileOpen);
        Assert.Equal(whileOpen, todayFromUsual);
        Assert.Equal([(Tea, 1m), (Cola, 2m)], afterSale);
    }

    private static async Task<IReadOnlyList<(string Item, decimal Units)>> Cells(HotItemHeatmapReader reader, HeatmapWindow window) =>
        Of(await reader.Heatmap(window, "region-east", HeatmapMetric.Units, Now, Cancel));

    private static IReadOnlyList<(string Item, decimal Units)> Of(HotItemHeatmap heatmap) =>
        [.. heatmap.Cells.Where(c => c.StoreId == Store).OrderBy(c => c.ItemCode, StringComparer.Ordinal).Select(c => (c.ItemCode, c.Units))];

    private static ScanRecord Scan(string terminal, long sequence, DateTimeOffset at, string code, string kind = ScanKinds.Gtin, decimal? weightKg = null) => new()
    {
        TerminalId = terminal,
        Sequence = sequence,
        ScannedAt = at,
        Code = code,
        Symbology = "]E0",
        Kind = weightKg is null ? kind : ScanKinds.VariableMeasure,
        WeightKg = weightKg,
    };
}
