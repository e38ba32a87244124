using System.Net.Http.Json;
using System.Text.Json;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using StoreSales.Testing;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// The TV kiosk and the store board on the screens stores really have: a 1366×768 store PC, a 1920×1080 TV, a
/// 55-inch 4K TV and a TV hung in portrait. One screen each, nothing on top of anything, the day's figure large.
/// </summary>
public sealed class KioskScreenTests(BrowserFixture fixture)
{
    private const string StoreId = "store-sh001";
    private const string KioskCards = "[data-testid=kiosk-board] > *";
    private const string MainFigure = ".kiosk-main-figure";
    private const string BoardCards = "[data-testid=store-board] .period, [data-testid=store-board] .board-grid > *";

    [Fact]
    public async Task The_kiosk_fills_each_screen_without_scrolling_or_overlap_and_its_main_figure_grows_with_the_screen()
    {
        await SellSomethingWithALongName();
        await using var tv = await OpenKiosk("");
        var fits = new Dictionary<string, ScreenFit>();

        foreach (var (width, height) in new[] { (1366, 768), (1920, 1080), (3840, 2160), (1080, 1920) })
        {
            await tv.Page.SetViewportSizeAsync(width, height);
            var fit = await ScreenFit.Of(tv.Page, KioskCards, MainFigure);
            await tv.Screenshots.Take($"kiosk-{width}x{height}");
            TestContext.Current.TestOutputHelper?.WriteLine($"{width}×{height}: {fit}");

            Assert.True(fit.DocumentHeight <= height, $"{width}×{height} needs scrolling: {fit}");
            Assert.True(fit.DocumentWidth <= width, $"{width}×{height} is wider than the screen: {fit}");
            Assert.True(fit.Cards.Count >= 5, $"{width}×{height}: the kiosk's cards are missing: {fit}");
            Assert.Empty(fit.Overlaps());
            fits[$"{width}x{height}"] = fit;
        }

        Assert.True(fits["1366x768"].MainFigurePx < fits["1920x1080"].MainFigurePx, "the main figure does not grow from 1366×768 to 1920×1080");
        Assert.True(fits["1920x1080"].MainFigurePx < fits["3840x2160"].MainFigurePx, "the main figure does not grow from 1920×1080 to 3840×2160");
        Assert.True(fits["1920x1080"].MainFigurePx >= 0.08 * 1080, $"the main figure is {fits["1920x1080"].MainFigurePx} px, under 8 % of a 1080-line screen");
        Assert.True(fits["1080x1920"].MainFigurePx >= 0.075 * 1920, $"the main figure is {fits["1080x1920"].MainFigurePx} px, under ~8 % of a portrait screen's height");
    }

    [Fact]
    public async Task A_bright_shop_opens_the_kiosk_in_the_light_theme()
    {
        await using var tv = await OpenKiosk("?theme=light");
        await tv.Page.SetViewportSizeAsync(1920, 1080);
        await tv.Screenshots.Take("kiosk-light-1920x1080");

        await Expect(tv.Page.Locator(".kiosk")).ToHaveAttributeAsync("data-theme", "light");
        var fit = await ScreenFit.Of(tv.Page, KioskCards, MainFigure);
        Assert.True(fit.DocumentHeight <= 1080, fit.ToString());
    }

    [Theory]
    [InlineData(1366, 768)]
    [InlineData(1920, 1080)]
    public async Task The_store_board_fits_a_desktop_screen_without_overlap(int width, int height)
    {
        await using var session = await fixture.OpenSession();
        await session.Page.SetViewportSizeAsync(width, height);
        await session.SignIn(DemoStaff.StoreManagerSh001);
        await new StoreBoardPage(session).Open(StoreId);

        var fit = await ScreenFit.Of(session.Page, BoardCards);
        await session.Screenshots.Take($"board-{width}x{height}");

        Assert.True(fit.DocumentHeight <= height, $"the board needs scrolling: {fit}");
        Assert.True(fit.Cards.Count >= 6, $"the board's cards are missing: {fit}");
        Assert.Empty(fit.Overlaps());
    }

    private async Task<BrowserSession> OpenKiosk(string query)
    {
        using var manager = await fixture.CommandCenter.CreateSignedInClient(DemoStaff.StoreManagerSh001.UserName);
        using var issued = await manager.PostAsJsonAsync($"/api/stores/{StoreId}/board-tokens", new { label = $"screen test {Guid.NewGuid().ToString("N")[..6]}" }, TestContext.Current.CancellationToken);
        issued.EnsureSuccessStatusCode();
        var signIn = (await issued.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("signInPath").GetString()!;
        var tv = await fixture.OpenSession();
        await tv.Page.GotoAsync(signIn);
        await tv.Page.WaitForURLAsync($"**/stores/{StoreId}/kiosk");
        if (query.Length > 0)
        {
            await tv.Page.GotoAsync($"/stores/{StoreId}/kiosk{query}");
        }

        await new StoreBoardPage(tv).WaitUntilLive();
        return tv;
    }

    /// <summary>The longest item name of the demo catalogue, so that the hot items must keep names on one line.</summary>
    private async Task SellSomethingWithALongName()
    {
        var sale = SaleFactory.Sale("K01", 515_151, DateTimeOffset.UtcNow,
            ("6985869261790", 2, 6.30m), ("6950369003430", 1, 53.80m), ("6920433218190", 3, 3.50m));
        var ack = await fixture.Silo.PostSales(StoreId, "demo-key-store-sh001", [sale], TestContext.Current.CancellationToken);
        Assert.Equal(1, ack.Accepted);
    }
}
