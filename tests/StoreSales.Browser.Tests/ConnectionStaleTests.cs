using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

public sealed class ConnectionStaleTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_board_says_its_figures_are_stale_when_the_command_center_goes_away()
    {
        // Its own command center, so that stopping it leaves the shared one to the other tests.
        await using var commandCenter = await fixture.StartAnotherCommandCenter();
        await using var session = await fixture.OpenSession(commandCenter.BaseAddress);
        await session.SignIn(DemoStaff.Headquarters);
        var board = await new StoreBoardPage(session).Open("store-sz001");
        await Expect(board.ConnectionStale).ToBeHiddenAsync();
        await session.Screenshots.Take("board-live");

        // The server goes away under the open page; its circuit's connection is cut, not closed politely.
        await commandCenter.Stop(grace: TimeSpan.FromSeconds(1));

        // Not a speed requirement: the bound only keeps a missing banner from hanging the run.
        await Expect(board.ConnectionStale).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(board.ConnectionStale).ToContainTextAsync("stale");
        // Readable: light text on the banner's dark amber, not the page's white.
        await Expect(board.ConnectionStale).ToHaveCSSAsync("background-color", "rgb(116, 66, 16)");
        await Expect(board.ConnectionStale).ToHaveCSSAsync("color", "rgb(255, 255, 255)");
        // The figures stay on screen, marked stale, rather than vanishing.
        await Expect(board.StoreName).ToBeVisibleAsync();
        await session.Screenshots.Take("board-stale");
    }
}
