using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>The board in Chinese (switched in the top bar, kept in the culture cookie) and the TV kiosk view.</summary>
public sealed class LanguageAndKioskTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Switching_to_Chinese_relabels_the_board_and_keeps_yuan()
    {
        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.StoreManagerSh001);
        var board = await new StoreBoardPage(session).Open("store-sh001");
        await Expect(session.Page.Locator("[data-testid=period-day] h2")).ToHaveTextAsync("Today");

        await session.Page.Locator("[data-testid=culture-zh-CN]").ClickAsync();
        await session.Page.WaitForURLAsync("**/stores/store-sh001");
        await board.WaitUntilLive();
        await session.Screenshots.Take("board-zh-CN");

        await Expect(session.Page.Locator("[data-testid=period-day] h2")).ToHaveTextAsync("今日");
        await Expect(session.Page.Locator("[data-testid=period-month] h2")).ToHaveTextAsync("本月");
        await Expect(board.TodayActual).ToContainTextAsync("¥");
        await Expect(session.Page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
    }

    [Fact]
    public async Task A_TV_signs_in_with_its_board_token_and_shows_the_kiosk_view_of_its_store_only()
    {
        using var manager = await fixture.CommandCenter.CreateSignedInClient(DemoStaff.StoreManagerSh001.UserName);
        using var issued = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(manager, "/api/stores/store-sh001/board-tokens", new { label = "tv by the entrance" }, TestContext.Current.CancellationToken);
        var path = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(issued.Content, TestContext.Current.CancellationToken)).GetProperty("signInPath").GetString()!;
        await using var session = await fixture.OpenSession();

        await session.Page.GotoAsync(path);
        await session.Page.WaitForURLAsync("**/stores/store-sh001/kiosk");
        var board = await new StoreBoardPage(session).WaitUntilLive();
        await session.Screenshots.Take("kiosk");

        await Expect(board.StoreName).ToHaveTextAsync("Shanghai Jing'an");
        await Expect(session.Page.Locator("[data-testid=signed-in-as]")).ToHaveCountAsync(0); // no staff navigation on a TV
        await session.Page.GotoAsync("/stores/store-sh002");
        await Expect(session.Page.Locator("[data-testid=not-allowed]")).ToBeVisibleAsync();
        await Expect(session.Page.Locator("[data-testid=store-board]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_plain_words()
    {
        await using var session = await fixture.OpenSession();
        var signIn = await new SignInPage(session).Open();

        await signIn.UserName.FillAsync(DemoStaff.Headquarters.UserName);
        await signIn.Password.FillAsync("not-the-password");
        await signIn.Submit.ClickAsync();
        await session.Screenshots.Take("sign-in-refused");

        await Expect(session.Page.Locator("[data-testid=sign-in-error]")).ToHaveTextAsync("Wrong user name or password.");
    }
}
