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

    /// <summary>The form's refusal of one field (its JSON name), in the viewer's words.</summary>
    public ILocator Error(string field) => page.Locator($"[data-testid=error-{field}]");

    /// <summary>Fills in a next action and submits the form (a call) without touching the due date.</summary>
    public async Task RecordCallWithNextActionOnly(string nextAction)
    {
        await page.Locator("input[data-testid=next-action], [data-testid=next-action] input").FillAsync(nextAction);
        await page.Locator("button[data-testid=record-interaction]").ClickAsync();
    }

    /// <summary>Records a call (the form's default kind) with its outcome.</summary>
    public async Task RecordCall(string outcome)
    {
        await page.Locator("input[data-testid=interaction-outcome], [data-testid=interaction-outcome] input").FillAsync(outcome);
        await page.Locator("input[data-testid=next-action], [data-testid=next-action] input").FillAsync("");
        await page.Locator("button[data-testid=record-interaction]").ClickAsync();
    }
}
