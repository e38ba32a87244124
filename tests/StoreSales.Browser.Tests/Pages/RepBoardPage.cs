using Microsoft.Playwright;
using StoreSales.Browser.Tests.Infrastructure;

namespace StoreSales.Browser.Tests.Pages;

/// <summary>A rep's board (<c>/me</c> for the rep, <c>/reps/{id}</c> for whoever may see the rep): progress, open leads, follow-ups.</summary>
public sealed class RepBoardPage(IPage page)
{
    private const string Board = "[data-testid=rep-board]";

    public RepBoardPage(BrowserSession session)
        : this(session.Page)
    {
    }

    public ILocator RepName => page.Locator($"{Board} [data-testid=rep-name]");

    public ILocator DayStatus => page.Locator($"{Board} [data-testid=period-day] [data-testid=status]");

    /// <summary>The row of an open lead of the rep, for one customer.</summary>
    public ILocator Lead(string customerId) => page.Locator($"{Board} [data-testid=lead][data-customer='{customerId}']");

    public static ILocator Countdown(ILocator lead) => lead.Locator("[data-testid=countdown]");

    public async Task<RepBoardPage> Open(string path = "/me")
    {
        await page.GotoAsync(path);
        return await WaitUntilLive();
    }

    /// <summary>Waits for the board of the live circuit: from then on it follows the rep's changes.</summary>
    public async Task<RepBoardPage> WaitUntilLive()
    {
        await InteractiveRender.WaitUntilInteractive(page, Board);
        return this;
    }
}
