using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>A store manager puts the store's board on a TV and takes it off again, on the "TV boards" page.</summary>
public sealed class TvBoardTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_store_manager_creates_a_TV_board_whose_link_opens_the_kiosk_and_revokes_it()
    {
        // Other tests issue tokens for the same store: this test only looks at its own board.
        var label = $"entrance TV {Guid.NewGuid().ToString("N")[..6]}";
        await using var manager = await fixture.OpenSession();
        await manager.SignIn(DemoStaff.StoreManagerSh001);
        var boards = await new TvBoardsPage(manager).OpenFromBoard("store-sh001");

        var link = await boards.NewBoard(label);
        await manager.Screenshots.Take("tv-board-issued");
        await Expect(boards.Status(label)).ToHaveAttributeAsync("data-status", "active");

        await using var tv = await fixture.OpenSession();
        await tv.Page.GotoAsync(link);
        await tv.Page.WaitForURLAsync("**/stores/store-sh001/kiosk");
        var kiosk = await new StoreBoardPage(tv).WaitUntilLive();
        await tv.Screenshots.Take("tv-board-kiosk");
        await Expect(kiosk.StoreName).ToHaveTextAsync("Shanghai Jing'an");

        await boards.Revoke(label);
        await Expect(boards.Status(label)).ToHaveAttributeAsync("data-status", "revoked");
        await manager.Screenshots.Take("tv-board-revoked");

        // The link signs no TV in any more.
        var again = await tv.Page.GotoAsync(link);
        Assert.Equal(401, again!.Status);
    }
}
