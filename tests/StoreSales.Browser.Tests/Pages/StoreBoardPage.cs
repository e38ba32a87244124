using Microsoft.Playwright;
using StoreSales.Browser.Tests.Infrastructure;

namespace StoreSales.Browser.Tests.Pages;

/// <summary>A store's live board (<c>/stores/{id}</c>): day and month bars, hot items, devices.</summary>
public sealed class StoreBoardPage(BrowserSession session)
{
    private const string Board = "[data-testid=store-board]";

    public ILocator StoreName => session.Page.Locator($"{Board} [data-testid=store-name]");

    /// <summary>Today's sales so far, as the board prints them (¥, whole yuan).</summary>
    public ILocator TodayActual => session.Page.Locator($"{Board} [data-testid=period-day] [data-testid=actual]");

    public ILocator TodayStatus => session.Page.Locator($"{Board} [data-testid=period-day] [data-testid=status]");

    /// <summary>The notice that the figures are no longer live (circuit lost); the contract the board is to meet.</summary>
    public ILocator ConnectionStale => session.Page.Locator("[data-testid=connection-stale]");

    public async Task<StoreBoardPage> Open(string storeId)
    {
        await session.Page.GotoAsync($"/stores/{storeId}");
        return await WaitUntilLive();
    }

    /// <summary>Waits for the board of the live circuit: from then on it has subscribed to the store's updates.</summary>
    public async Task<StoreBoardPage> WaitUntilLive()
    {
        await InteractiveRender.WaitUntilInteractive(session.Page, Board);
        return this;
    }
}
