using Microsoft.Playwright;
using StoreSales.Browser.Tests.Infrastructure;

namespace StoreSales.Browser.Tests.Pages;

/// <summary>A store's TV boards (<c>/stores/{id}/boards</c>): issue a board's sign-in link, list and revoke them.</summary>
public sealed class TvBoardsPage(BrowserSession session)
{
    private const string List = "[data-testid=tv-board-list]";

    /// <summary>The sign-in link of the board just issued, shown only until the page is left.</summary>
    public ILocator IssuedLink => session.Page.Locator("input[data-testid=issued-link], [data-testid=issued-link] input");

    /// <summary>From the store's board, through its "TV boards" button (shown only to who may issue tokens).</summary>
    public async Task<TvBoardsPage> OpenFromBoard(string storeId)
    {
        await new StoreBoardPage(session).Open(storeId);
        await session.Page.Locator("[data-testid=tv-boards-link]").ClickAsync();
        await session.Page.WaitForURLAsync($"**/stores/{storeId}/boards");
        await InteractiveRender.WaitUntilInteractive(session.Page, List);
        return this;
    }

    public async Task<string> NewBoard(string label)
    {
        await session.Page.Locator("input[data-testid=tv-board-label], [data-testid=tv-board-label] input").FillAsync(label);
        await session.Page.Locator("[data-testid=new-tv-board]").ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(IssuedLink).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/board/sign-in\\?token=ssb_"));
        return await IssuedLink.InputValueAsync();
    }

    /// <summary>The row of the board with this label (labels are made unique by each test).</summary>
    public ILocator Row(string label) =>
        session.Page.Locator($"{List} tr").Filter(new LocatorFilterOptions { Has = session.Page.Locator("[data-testid=tv-board-row-label]", new PageLocatorOptions { HasTextString = label }) });

    public ILocator Status(string label) => Row(label).Locator("[data-testid=tv-board-status]");

    /// <summary>Revokes the board and confirms in the dialog.</summary>
    public async Task Revoke(string label)
    {
        await Row(label).Locator("[data-testid=revoke-tv-board]").ClickAsync();
        await session.Page.Locator(".mud-dialog .mud-dialog-actions button").Last.ClickAsync();
    }
}
