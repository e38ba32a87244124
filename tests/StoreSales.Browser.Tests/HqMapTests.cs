using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>The HQ map as HQ sees it in a browser: China's provinces behind the stores, names that do not cover each other, zoom on a click.</summary>
public sealed class HqMapTests(BrowserFixture fixture)
{
    [Fact]
    public async Task HQ_sees_the_stores_on_the_provinces_with_readable_names_and_zooms_into_Shanghai()
    {
        await using var session = await fixture.OpenSession();
        await session.Page.SetViewportSizeAsync(1920, 1080);
        await session.SignIn(DemoStaff.Headquarters);
        await session.Page.GotoAsync("/hq");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=store-map]");
        var map = session.Page.Locator("[data-testid=store-map]");
        await Expect(map.Locator("[data-testid=map-province]")).ToHaveCountAsync(34);
        await Expect(map.Locator("[data-testid=map-store]").First).ToBeVisibleAsync();
        await session.Screenshots.Take("hq-map");

        var labels = await ScreenFit.Of(session.Page, "[data-testid=store-map] [data-testid=map-label]");
        Assert.NotEmpty(labels.Cards);
        Assert.True(!labels.Overlaps().Any(), string.Join("; ", labels.Overlaps()));

        // Shanghai is smaller on the whole map than its stores' dots, which a click at its middle would hit (and open a
        // board): the click goes to the province itself.
        await map.Locator("[data-testid=map-province][data-province=CN-SH]").DispatchEventAsync("click");
        await Expect(map.Locator("[data-testid=map-svg]")).ToHaveAttributeAsync("data-view", "CN-SH");
        await Expect(map.Locator("[data-testid=map-label][data-store=store-sh001]")).ToBeVisibleAsync();
        await Expect(map.Locator("[data-testid=map-label][data-store=store-sh002]")).ToBeVisibleAsync();
        await session.Screenshots.Take("hq-map-shanghai");
        Assert.Empty((await ScreenFit.Of(session.Page, "[data-testid=store-map] [data-testid=map-label]")).Overlaps());
    }
}
