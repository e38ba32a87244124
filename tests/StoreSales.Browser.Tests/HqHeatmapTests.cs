using System.Net.Http.Json;
using System.Text.RegularExpressions;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Contracts.Ingest;
using StoreSales.Domain.Barcodes;
using StoreSales.Testing;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// HQ's drill-down: region → store → item → the sales behind it. A sale posted through the ingest API is found on
/// the heatmap by following the clicks a person would make, down to its receipt number.
/// </summary>
public sealed class HqHeatmapTests(BrowserFixture fixture)
{
    private const string StoreId = "store-sh002";
    private const string StoreKey = "demo-key-store-sh002";
    private const string Item = "6970013389086";

    [Fact]
    public async Task The_heatmap_drills_down_from_region_to_item_to_the_sale()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var sale = SaleFactory.Sale("H01", 424_242, DateTimeOffset.UtcNow.AddMinutes(-2), (Item, 6, 12.50m));
        await fixture.Silo.PostSales(StoreId, StoreKey, [sale], cancellation);

        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.Headquarters);
        await fixture.AssertListsTheStoresOfMasterData(regionId: null, () => OpenHqAndReadTheMap(session));
        await Expect(session.Page.Locator("[data-testid=heatmap]")).ToBeVisibleAsync();
        await session.Screenshots.Take("hq");

        // Region: only East China's stores stay on the heatmap.
        await session.Page.Locator("[data-testid=heat-region][data-region=region-east]").ClickAsync();
        await Expect(session.Page.Locator("[data-testid=heat-region]")).ToHaveCountAsync(1);

        // Item → the stores where it sells now; store → the sales behind that cell.
        await session.Page.Locator($"[data-testid=heat-item][data-item='{Item}']").ClickAsync();
        var topStore = session.Page.Locator($"[data-testid=top-store][data-store={StoreId}]");
        await Expect(topStore).ToBeVisibleAsync();
        await topStore.Locator("a").ClickAsync();
        var row = session.Page.Locator($"[data-testid=cell-sale][data-receipt='{sale.ReceiptNumber}']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("H01");
        await Expect(row).ToContainTextAsync("¥75");
        await session.Screenshots.Take("drill-down-to-sale");

        // The cell itself leads to the same sales.
        await session.Page.Locator("[data-testid=cell-sales] button[aria-label=Close]").ClickAsync();
        await session.Page.Locator($"[data-testid=heat-cell][data-store={StoreId}][data-item='{Item}']").ClickAsync();
        await Expect(row).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_regional_viewer_sees_only_their_region_on_the_HQ_page()
    {
        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.RegionalManagerEast);
        await fixture.AssertListsTheStoresOfMasterData("region-east", () => OpenHqAndReadTheMap(session));
        await session.Screenshots.Take("hq-as-regional-manager");

        await Expect(session.Page.Locator("[data-testid=region]")).ToHaveCountAsync(1);
        await Expect(session.Page.Locator("[data-testid=region][data-region=region-east]")).ToBeVisibleAsync();
        await Expect(session.Page.Locator("[data-testid=heat-region][data-region=region-south]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_scan_at_a_scan_sourced_terminal_moves_its_heatmap_cell_at_once_and_its_sale_later_counts_in_its_place()
    {
        var cancellation = TestContext.Current.CancellationToken;
        // BrowserFixture's silo counts terminal HS1 of this store by its scans. This command center reads the heatmap again
        // only when asked (its timer an hour away, no cache): here only the pushed scans can move a cell between reads.
        await using var commandCenter = await fixture.StartAnotherCommandCenter(new Dictionary<string, string?>
        {
            ["Live:HeatmapRefreshInterval"] = "01:00:00",
            ["HotItems:Heatmap:CacheFor"] = "00:00:00",
            [$"HotItems:ScanSourcedTerminals:{StoreId}:0"] = BrowserFixture.ScanSourcedTerminal,
        });

        // An item of this test alone, sold 40 times at another terminal: a column of its own, 40 units in this store's cell.
        var item = Gtin.WithCheckDigit("692424200007");
        await fixture.Silo.PostSales(StoreId, StoreKey, [SaleFactory.Sale("H02", 515_151, DateTimeOffset.UtcNow.AddMinutes(-3), (item, 40, 2m))], cancellation);

        await using var session = await fixture.OpenSession(commandCenter.BaseAddress);
        await session.SignIn(DemoStaff.Headquarters);
        await session.Page.GotoAsync("/hq");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=region-summary]");
        var heatmap = session.Page.Locator("[data-testid=heatmap]");
        var region = session.Page.Locator("[data-testid=heat-region][data-region=region-east]");
        var cell = session.Page.Locator($"[data-testid=heat-cell][data-store={StoreId}][data-item='{item}']");

        // Choosing the region (again) reads the heatmap: done once the grid shows a read of a later instant. A click that
        // lands while the page redraws (a region's progress pushed by the sale just posted) reaches a handler Blazor has
        // just replaced and is dropped, as a person's would be: like a person, the test clicks again.
        async Task ReadAgain()
        {
            var before = await heatmap.GetAttributeAsync("data-read-at");
            for (var click = 1; ; click++)
            {
                await region.ClickAsync();
                try
                {
                    await Expect(heatmap).Not.ToHaveAttributeAsync("data-read-at", before!, new() { Timeout = 2_500 });
                    return;
                }
                catch (Microsoft.Playwright.PlaywrightException) when (click < 4)
                {
                }
            }
        }

        await ReadAgain();
        await Expect(cell).ToHaveAttributeAsync("title", UnitsOf(40));

        // Three scans of the receipt being rung up at HS1, after the page's read: the cell moves with no read of the page.
        var scannedAt = DateTimeOffset.UtcNow;
        using (var agent = fixture.Silo.CreateClient(StoreKey))
        {
            var scans = new ScanBatch
            {
                Scans = [.. Enumerable.Range(1, 3).Select(i => new ScanRecord { TerminalId = BrowserFixture.ScanSourcedTerminal, Sequence = i, ScannedAt = scannedAt.AddMilliseconds(i), Code = item, Symbology = "]E0", Kind = ScanKinds.Gtin })],
            };
            (await agent.PostAsJsonAsync($"/api/stores/{StoreId}/scans/batches", scans, cancellation)).EnsureSuccessStatusCode();
        }

        await Expect(cell).ToHaveAttributeAsync("title", UnitsOf(43), new() { Timeout = 20_000 });
        await session.Screenshots.Take("hq-cell-moved-at-the-scan");

        // A read of the page holds the open receipt's scans itself: still 43, not 46.
        await ReadAgain();
        await Expect(cell).ToHaveAttributeAsync("title", UnitsOf(43));

        // The receipt is paid: its three lines count in place of the scans at the next read (which starts after the sale
        // was rung up: the sale's time is the scans' plus milliseconds, the read comes after its acknowledged upload).
        await fixture.Silo.PostSales(StoreId, StoreKey, [SaleFactory.Sale(BrowserFixture.ScanSourcedTerminal, 1, scannedAt.AddMilliseconds(5), (item, 3, 2m))], cancellation);
        await ReadAgain();
        await Expect(cell).ToHaveAttributeAsync("title", UnitsOf(43));
    }

    private static Regex UnitsOf(int units) => new($": Units {units}, ");

    /// <summary>The stores the HQ map shows once the page is live.</summary>
    private static async Task<IEnumerable<string>> OpenHqAndReadTheMap(BrowserSession session)
    {
        await session.Page.GotoAsync("/hq");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=region-summary]");
        var stores = session.Page.Locator("[data-testid=store-map] [data-testid=map-store]");
        await Expect(stores.First).ToBeAttachedAsync();
        return await stores.EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.dataset.store)");
    }
}
