using StoreSales.Browser.Tests.Infrastructure;
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
