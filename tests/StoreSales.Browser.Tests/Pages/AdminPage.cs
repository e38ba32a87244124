using StoreSales.Browser.Tests.Infrastructure;

namespace StoreSales.Browser.Tests.Pages;

/// <summary>The administration page (<c>/admin</c>), reached as an admin reaches it: from the store list, through the navigation.</summary>
public static class AdminPage
{
    public const string NavigationEntry = "[data-testid=nav-admin]";

    /// <summary>Opens the store list, then the admin page through the navigation's live entry.</summary>
    public static async Task OpenFromNavigation(BrowserSession session)
    {
        await session.Page.GotoAsync("/");
        // The entry of the live page: a click on its prerendered copy while the store list's circuit was still starting
        // left a loaded CI run on /admin without the admin page's links (the circuit, once up, had not taken the move).
        await InteractiveRender.WaitUntilInteractive(session.Page, NavigationEntry);
        await session.Page.Locator(NavigationEntry).ClickAsync();
        await session.Page.WaitForURLAsync("**/admin");
    }
}
