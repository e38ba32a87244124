using Microsoft.Extensions.DependencyInjection;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using StoreSales.Data.Approvals;
using StoreSales.Domain.Access;
using StoreSales.Testing;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// Credit hold in the browser: finance finds the order the credit check held in <c>/orders</c> with why, sees the
/// customer's credit panel (overdue, payments, the held order), and once the order's release is decided by its approver
/// the open panel and the orders page show it released, by whom and why. Finance releases it in the approvals inbox.
/// </summary>
public sealed class CreditHoldTests(BrowserFixture fixture)
{
    private static readonly DemoLogin Finance = new(CreditStory.Finance, DemoLogins.Password, ChainRoles.Finance);

    [Fact]
    public async Task A_held_order_is_released_by_finance_and_the_open_pages_show_it()
    {
        var customerId = await CreditStory.Account(fixture.CommandCenter, "上海鼎盛医疗器械有限公司", 300_000, 186_400);
        var orderId = $"SO-{customerId}";
        using (var rep = await CreditStory.B2bRep(fixture.CommandCenter))
        {
            await CreditStory.PlaceOrder(rep, orderId, customerId, 48_000);
        }

        await using var session = await fixture.OpenSession();
        await session.SignIn(Finance);
        await Expect(session.Page.Locator("[data-testid=nav-orders]")).ToBeVisibleAsync();
        var orders = await new OrdersPage(session).Open();
        await Expect(orders.Order(orderId)).ToHaveAttributeAsync("data-status", "held");
        await Expect(orders.Row(orderId).Locator("[data-testid=order-why]")).ToContainTextAsync("Overdue receivables ¥186,400, suggest holding shipment");
        await Expect(orders.Row(orderId).Locator("[data-testid=order-release-link]")).ToBeVisibleAsync();
        await session.Screenshots.Take("held-order-waits-for-finance");

        await orders.Row(orderId).Locator("[data-testid=order-customer]").ClickAsync();
        var panel = new CreditPanelPage(session);
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=credit-panel]");
        await Expect(panel.Panel).ToHaveAttributeAsync("data-standing", "overdue");
        await Expect(panel.Overdue).ToContainTextAsync("¥186,400");
        await Expect(panel.HeldOrder(orderId)).ToBeVisibleAsync();
        await Expect(panel.Payments).ToHaveCountAsync(1);
        await session.Screenshots.Take("credit-panel-overdue");

        // Finance releases it in the approvals inbox (a second window); the panel open on the first hears of it and reads again.
        var order = await fixture.CommandCenter.Services.GetRequiredService<Data.Credit.OrderBook>().Find(orderId, TestContext.Current.CancellationToken);
        await using (var release = await fixture.OpenSession())
        {
            await release.SignIn(Finance);
            var inbox = await new ApprovalsPage(release).Open(order!.ApprovalId!.Value);
            await inbox.Decide(approve: true, "paid ¥100,000 this morning");
            await Expect(inbox.Detail).ToHaveAttributeAsync("data-status", "approved");
            await release.Screenshots.Take("finance-releases-in-the-inbox");
        }

        await Expect(panel.NoHeldOrders).ToBeVisibleAsync();
        await session.Screenshots.Take("credit-panel-after-release");

        await orders.Open();
        await orders.ShowAll();
        await Expect(orders.Order(orderId)).ToHaveAttributeAsync("data-status", "released");
        await Expect(orders.Row(orderId).Locator("[data-testid=order-decision]")).ToContainTextAsync("finance");
        await Expect(orders.Row(orderId).Locator("[data-testid=order-decision]")).ToContainTextAsync("paid ¥100,000 this morning");
        await session.Screenshots.Take("order-released");
    }
}
