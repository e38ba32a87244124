using Microsoft.Playwright;
using StoreSales.Browser.Tests.Infrastructure;

namespace StoreSales.Browser.Tests.Pages;

/// <summary>The supervisor's intervention inbox (<c>/interventions</c>): one card per alert, with its actions.</summary>
public sealed class InboxPage(BrowserSession session)
{
    public const string Path = "/interventions";

    public async Task<InboxPage> Open()
    {
        await session.Page.GotoAsync(Path);
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=open-only]");
        return this;
    }

    /// <summary>Opens the inbox as a notification's deep link does: <c>/interventions?alert={id}</c>.</summary>
    public async Task<InboxPage> OpenAt(string alertId)
    {
        await session.Page.GotoAsync($"{Path}?alert={Uri.EscapeDataString(alertId)}");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=open-only]");
        return this;
    }

    /// <summary>The card of one alert, by its id.</summary>
    public ILocator Alert(string alertId) => session.Page.Locator($"[data-testid=alert][data-alert='{alertId}']");

    /// <summary>Every card, in the order shown.</summary>
    public ILocator Alerts => session.Page.Locator("[data-testid=alert]");

    /// <summary>What a deep link to an alert not in the viewer's inbox says.</summary>
    public ILocator LinkMissing => session.Page.Locator("[data-testid=alert-link-missing]");

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
