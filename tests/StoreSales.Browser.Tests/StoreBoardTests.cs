using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using StoreSales.Testing;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

public sealed class StoreBoardTests(BrowserFixture fixture)
{
    private const string StoreId = "store-hz001";
    private const string StoreName = "Hangzhou West Lake";
    private const string StoreKey = "demo-key-store-hz001";
    private static readonly CultureInfo Chain = CultureInfo.GetCultureInfo("zh-CN");

    [Fact]
    public async Task A_sale_posted_by_the_stores_till_shows_on_its_open_board_within_a_second_without_reload()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.Headquarters);
        var list = await new StoreListPage(session).Open();
        var board = await list.OpenBoard(StoreName);
        await Expect(board.StoreName).ToHaveTextAsync(StoreName);
        await session.Screenshots.Take("board-before-sale");

        // The exact figure before the sale (the board rounds to whole yuan), from the read API beside the page.
        var before = await TodayActual(cancellation);
        await Expect(board.TodayActual).ToHaveTextAsync(Yuan(before));
        // A reload would wipe this; the board must change in the same document.
        await session.Page.EvaluateAsync("() => window.__storesalesSameDocument = true");

        var sale = SaleFactory.Sale("B01", 1, DateTimeOffset.UtcNow, ("6920433218190", 2, 388.00m));
        var ack = await fixture.Silo.PostSales(StoreId, StoreKey, [sale], cancellation);
        Assert.Equal(1, ack.Accepted);

        // From the ack the sale is durable and in the store's live figures: the issue gives the board one second.
        await Expect(board.TodayActual).ToHaveTextAsync(Yuan(before + 776.00m), new() { Timeout = 1_000 });
        Assert.True(await session.Page.EvaluateAsync<bool>("() => window.__storesalesSameDocument === true"), "the board reloaded instead of updating in place");
        await session.Screenshots.Take("board-after-sale");
    }

    private async Task<decimal> TodayActual(CancellationToken cancellation)
    {
        using var http = await fixture.CommandCenter.CreateSignedInClient(DemoStaff.Headquarters.UserName);
        var progress = await http.GetFromJsonAsync<JsonElement>($"/api/stores/{StoreId}/progress", cancellation);
        return progress.GetProperty("day").GetProperty("actual").GetDecimal();
    }

    /// <summary>Money as the chain reads it on a board: yuan sign, zh-CN grouping, whole yuan.</summary>
    private static string Yuan(decimal amount) => amount.ToString("C0", Chain);
}
