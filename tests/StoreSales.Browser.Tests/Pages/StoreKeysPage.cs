using Microsoft.Playwright;
using StoreSales.Browser.Tests.Infrastructure;

namespace StoreSales.Browser.Tests.Pages;

/// <summary>The admin's store keys (<c>/admin/store-keys</c>): issue a key (shown once), list them by prefix, rotate and revoke.</summary>
public sealed class StoreKeysPage(BrowserSession session)
{
    private const string List = "[data-testid=store-key-list]";

    /// <summary>The key just issued, shown only until the page is left.</summary>
    public ILocator IssuedKey => session.Page.Locator("input[data-testid=issued-store-key], [data-testid=issued-store-key] input");

    /// <summary>From the navigation's admin page, through its "Manage store keys" link.</summary>
    public async Task<StoreKeysPage> OpenFromAdmin()
    {
        await AdminPage.OpenFromNavigation(session);
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=admin-store-keys]");
        await session.Page.Locator("[data-testid=admin-store-keys-link]").ClickAsync();
        await session.Page.WaitForURLAsync("**/admin/store-keys");
        await InteractiveRender.WaitUntilInteractive(session.Page, List);
        return this;
    }

    /// <summary>Issues a key for the store selected (the first one) and returns it as shown.</summary>
    public async Task<string> Issue(string label)
    {
        await session.Page.Locator("input[data-testid=store-key-label], [data-testid=store-key-label] input").FillAsync(label);
        await session.Page.Locator("[data-testid=issue-store-key]").ClickAsync();
        await Assertions.Expect(IssuedKey).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^ssk_[0-9a-f]{48}$"));
        return await IssuedKey.InputValueAsync();
    }

    /// <summary>The row of the key with this label (labels are made unique by each test).</summary>
    public ILocator Row(string label) => session.Page.Locator($"{List} tr").Filter(new LocatorFilterOptions { HasTextString = label });

    public ILocator Status(string label) => Row(label).Locator("[data-testid=store-key-status]");

    /// <summary>The row of the label's key in this state (<c>active</c>, <c>rotating</c>, <c>revoked</c>, <c>expired</c>).</summary>
    public ILocator Row(string label, string status) =>
        Row(label).Filter(new LocatorFilterOptions { Has = session.Page.Locator($"[data-testid=store-key-status][data-status={status}]") });

    /// <summary>Revokes the label's key in that state and confirms in the dialog.</summary>
    public async Task Revoke(string label, string status)
    {
        await Row(label, status).Locator("[data-testid=revoke-store-key]").ClickAsync();
        await session.Page.Locator(".mud-dialog .mud-dialog-actions button").Last.ClickAsync();
    }

    /// <summary>Rotates the key and confirms in the dialog; returns the successor as shown.</summary>
    public async Task<string> Rotate(string label)
    {
        var before = await IssuedKey.CountAsync() > 0 ? await IssuedKey.InputValueAsync() : "";
        await Row(label).Locator("[data-testid=rotate-store-key]").ClickAsync();
        await session.Page.Locator(".mud-dialog .mud-dialog-actions button").Last.ClickAsync();
        await Assertions.Expect(IssuedKey).Not.ToHaveValueAsync(before);
        return await IssuedKey.InputValueAsync();
    }
}
