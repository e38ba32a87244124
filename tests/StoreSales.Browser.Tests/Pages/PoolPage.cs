using Microsoft.Playwright;
using StoreSales.Browser.Tests.Infrastructure;

namespace StoreSales.Browser.Tests.Pages;

/// <summary>The public pool (<c>/pool</c>): released customers, a claim button per row for a rep, refusals by rule.</summary>
public sealed class PoolPage(BrowserSession session)
{
    public ILocator Entry(string customerId) => session.Page.Locator($"[data-testid=pool-entry][data-customer='{customerId}']");

    public ILocator Refusal => session.Page.Locator("[data-testid=claim-refused]");

    public ILocator Claimed => session.Page.Locator("[data-testid=claimed]");

    public async Task<PoolPage> Open()
    {
        await session.Page.GotoAsync("/pool");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=pool-list]");
        return this;
    }

    public Task Claim(string customerId) => session.Page.Locator($"button[data-testid=claim][data-customer='{customerId}']").ClickAsync();
}
