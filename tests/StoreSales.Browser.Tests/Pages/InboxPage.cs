using Microsoft.Playwright;
using StoreSales.Browser.Tests.Infrastructure;

namespace StoreSales.Browser.Tests.Pages;

/// <summary>The supervisor's intervention inbox (<c>/interventions</c>): one card per alert, with its actions.</summary>
public sealed class InboxPage(BrowserSession session)
{
    public async Task<InboxPage> Open()
    {
        await session.Page.GotoAsync("/interventions");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=open-only]");
        return this;
    }

    /// <summary>The card of the alert about <paramref name="storeId"/>'s condition.</summary>
    public ILocator AlertFor(string storeId) => session.Page.Locator($"[data-testid=alert][data-store='{storeId}']");

    public static ILocator Status(ILocator alert) => alert.Locator("[data-testid=alert-status]");

    public static Task Acknowledge(ILocator alert) => alert.Locator("button[data-testid=acknowledge]").ClickAsync();

    public static async Task Resolve(ILocator alert, string outcome)
    {
        await alert.Locator("input[data-testid=outcome], [data-testid=outcome] input").FillAsync(outcome);
        await alert.Locator("button[data-testid=resolve]").ClickAsync();
    }

    /// <summary>Shows resolved alerts too (the inbox lists open ones by default).</summary>
    public Task ShowAll() => session.Page.Locator("input[data-testid=open-only], [data-testid=open-only] input").UncheckAsync();
}
