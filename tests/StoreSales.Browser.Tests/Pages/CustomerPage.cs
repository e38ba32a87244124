using Microsoft.Playwright;
using StoreSales.Browser.Tests.Infrastructure;

namespace StoreSales.Browser.Tests.Pages;

/// <summary>A customer's page (<c>/customers/{id}</c>): profile, open lead, the owner rep's interaction form, timeline.</summary>
public sealed class CustomerPage(IPage page)
{
    public ILocator Phone => page.Locator("[data-testid=customer-profile] [data-testid=phone]");

    public ILocator OpenLead => page.Locator("[data-testid=open-lead]");

    public ILocator Timeline => page.Locator("[data-testid=timeline]");

    public async Task<CustomerPage> Open(string customerId)
    {
        await page.GotoAsync($"/customers/{customerId}");
        await InteractiveRender.WaitUntilInteractive(page, "[data-testid=customer-page]");
        return this;
    }

    /// <summary>Records a call (the form's default kind) with its outcome.</summary>
    public async Task RecordCall(string outcome)
    {
        await page.Locator("input[data-testid=interaction-outcome], [data-testid=interaction-outcome] input").FillAsync(outcome);
        await page.Locator("button[data-testid=record-interaction]").ClickAsync();
    }
}
