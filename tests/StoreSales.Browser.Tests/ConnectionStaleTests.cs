using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

public sealed class ConnectionStaleTests(BrowserFixture fixture)
{
    [Fact(Skip = "The board has no stale banner yet: enable when StoreBoard shows [data-testid=connection-stale] while its circuit is down (issue 4).")]
    public async Task The_board_says_its_figures_are_stale_when_the_command_center_goes_away()
    {
        // Its own command center, so that stopping it leaves the shared one to the other tests.
        var commandCenter = await fixture.StartAnotherCommandCenter();
        var running = true;
        try
        {
            await using var session = await fixture.OpenSession(commandCenter.BaseAddress);
            var board = await new StoreBoardPage(session).Open("store-sz001");
            await Expect(board.ConnectionStale).ToBeHiddenAsync();
            await session.Screenshots.Take("board-live");

            running = false;
            await commandCenter.DisposeAsync();

            // Not a speed requirement: the bound only keeps a missing banner from hanging the run.
            await Expect(board.ConnectionStale).ToBeVisibleAsync(new() { Timeout = 10_000 });
            await session.Screenshots.Take("board-stale");
        }
        finally
        {
            if (running)
            {
                await commandCenter.DisposeAsync();
            }
        }
    }
}
