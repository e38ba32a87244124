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

    [Fact]
    public async Task A_TV_showing_the_kiosk_is_sent_to_the_sign_in_page_once_its_board_is_revoked()
    {
        await using var node = await fixture.StartAnotherCommandCenter(new Dictionary<string, string?> { ["Access:BoardTokenRecheck"] = "00:00:01" });
        using var manager = await fixture.CommandCenter.CreateSignedInClient(DemoStaff.StoreManagerSh001.UserName);
        var issued = await Issue(manager, $"stock room TV {Guid.NewGuid().ToString("N")[..6]}");
        await using var tv = await fixture.OpenSession(node.BaseAddress);
        await tv.Page.GotoAsync(issued.GetProperty("signInPath").GetString()!);
        await tv.Page.WaitForURLAsync("**/stores/store-sh001/kiosk");
        await new StoreBoardPage(tv).WaitUntilLive();

        using var revoked = await manager.DeleteAsync($"/api/stores/store-sh001/board-tokens/{issued.GetProperty("tokenId").GetString()}", TestContext.Current.CancellationToken);

        // No reload by hand: the open page's circuit notices the revocation by itself.
        await tv.Page.WaitForURLAsync("**/account/login**");
        await tv.Screenshots.Take("tv-board-revoked-kiosk");
        Assert.Equal(System.Net.HttpStatusCode.NoContent, revoked.StatusCode);
        await tv.Page.GotoAsync("/stores/store-sh001/kiosk");
        await tv.Page.WaitForURLAsync("**/account/login**");
    }

    private static async Task<System.Text.Json.JsonElement> Issue(HttpClient manager, string label)
    {
        using var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(manager, "/api/stores/store-sh001/board-tokens", new { label }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content, TestContext.Current.CancellationToken);
    }
}
