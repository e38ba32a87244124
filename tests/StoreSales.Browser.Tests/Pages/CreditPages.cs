using Microsoft.Playwright;
using StoreSales.Browser.Tests.Infrastructure;

namespace StoreSales.Browser.Tests.Pages;

/// <summary>The orders page (<c>/orders</c>): held orders first, each with why and its release.</summary>
public sealed class OrdersPage(BrowserSession session)
{
    public ILocator Row(string orderId) => session.Page.Locator("tr").Filter(new() { Has = session.Page.Locator($"[data-testid=order][data-order='{orderId}']") });

    public ILocator Order(string orderId) => session.Page.Locator($"[data-testid=order][data-order='{orderId}']");

    public async Task<OrdersPage> Open()
    {
        await session.Page.GotoAsync("/orders");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=order-filter]");
        return this;
    }

    public Task ShowAll() => session.Page.Locator("[data-testid=filter-all]").ClickAsync();
}

/// <summary>A B2B customer's credit panel (<c>/customers/{id}/credit</c>).</summary>
public sealed class CreditPanelPage(BrowserSession session)
{
    public ILocator Panel => session.Page.Locator("[data-testid=credit-panel]");

    public ILocator Standing => session.Page.Locator("[data-testid=credit-standing]");

    public ILocator Overdue => session.Page.Locator("[data-testid=credit-overdue]");

    public ILocator HeldOrder(string orderId) => session.Page.Locator($"[data-testid=held-orders] [data-testid=order][data-order='{orderId}']");

    public ILocator NoHeldOrders => session.Page.Locator("[data-testid=no-held-orders]");

    public ILocator Payments => session.Page.Locator("[data-testid=payment]");

    public async Task<CreditPanelPage> Open(string customerId)
    {
        await session.Page.GotoAsync($"/customers/{customerId}/credit");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=credit-panel]");
        return this;
    }
}
