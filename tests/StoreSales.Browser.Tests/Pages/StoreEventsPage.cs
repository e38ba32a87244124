using Microsoft.Playwright;
using StoreSales.Browser.Tests.Infrastructure;

namespace StoreSales.Browser.Tests.Pages;

/// <summary>A store's events (<c>/stores/{id}/events</c>): the list and, for a recorder, the form.</summary>
public sealed class StoreEventsPage(BrowserSession session)
{
    public ILocator Saved => session.Page.Locator("[data-testid=event-saved]");

    public ILocator Refused => session.Page.Locator("[data-testid=event-refused]");

    public ILocator List => session.Page.Locator("[data-testid=event-list]");

    public ILocator Rows => session.Page.Locator("[data-testid=event-row]");

    public ILocator BoardLink => session.Page.Locator("[data-testid=board-link]");

    public async Task<StoreEventsPage> WaitUntilLive()
    {
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=event-form]");
        return this;
    }

    /// <summary>Records an event; times are the store's local wall time, as the form takes them.</summary>
    public async Task Record(string kind, DateTime startsLocal, DateTime endsLocal, string note)
    {
        await session.Page.Locator("[data-testid=event-kind]").SelectOptionAsync(kind);
        await session.Page.Locator("[data-testid=event-starts]").FillAsync(startsLocal.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await session.Page.Locator("[data-testid=event-ends]").FillAsync(endsLocal.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await session.Page.Locator("[data-testid=event-note]").FillAsync(note);
        await session.Page.Locator("[data-testid=event-save]").ClickAsync();
    }
}
