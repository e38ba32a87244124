using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using StoreSales.Testing;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// The field supervisor's day: a store of their region falls far behind pace, the alert arrives in the open inbox
/// without a reload, and they acknowledge it and close it with an outcome; every step is kept with who did it.
/// </summary>
public sealed class InterventionInboxTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_store_turning_red_shows_up_in_the_supervisors_open_inbox_and_is_worked_to_resolved()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var (storeId, key, name, _, supervisor) = await MiddayStore.Open(fixture, "inbox");
        await using var session = await fixture.OpenSession();
        // Straight to the inbox, as from a bookmark: the supervisor's home page reads the region's live figures, which
        // wakes the store, and a store with nothing sold by noon is rightly red at its first refresh (with today ¥0)
        // whether or not this test has posted its sale yet.
        await session.SignIn(supervisor, returnUrl: InboxPage.Path);
        var inbox = await new InboxPage(session).Open();
        await Expect(inbox.AlertFor(storeId)).ToHaveCountAsync(0);
        await session.Page.EvaluateAsync("() => window.__storesalesSameDocument = true");

        // One small sale at noon against half a day's expected sales: far behind, red.
        var ack = await fixture.Silo.PostSales(storeId, key, [SaleFactory.Sale("T01", 1, DateTimeOffset.UtcNow, ("6920433218190", 1, 9.90m))], cancellation);
        Assert.Equal(1, ack.Accepted);

        var alert = inbox.AlertFor(storeId);
        await Expect(alert).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(InboxPage.Status(alert)).ToHaveAttributeAsync("data-status", "Open");
        await Expect(alert).ToContainTextAsync(name);
        await Expect(alert.Locator("[data-testid=evidence]")).ToContainTextAsync("today ¥10 against");
        await Expect(alert.Locator("[data-testid=sparkline]")).ToBeVisibleAsync();
        // Words, not the codes the journal keeps ("high", "supervisor:region-noon-inbox").
        await Expect(alert.Locator("[data-testid=severity]")).ToHaveTextAsync("Severity: High");
        await Expect(alert.Locator("[data-testid=assignee]")).ToHaveTextAsync("Assignee: Field supervisor, Noon Region inbox");
        Assert.True(await session.Page.EvaluateAsync<bool>("() => window.__storesalesSameDocument === true"), "the inbox reloaded instead of receiving the alert live");
        await session.Screenshots.Take("alert-arrived");

        await InboxPage.Acknowledge(alert);
        await Expect(InboxPage.Status(alert)).ToHaveAttributeAsync("data-status", "Acknowledged");
        await Expect(alert.Locator("button[data-testid=resolve]")).ToBeDisabledAsync();
        await InboxPage.Resolve(alert, "called the store manager: second till staffed from 12:30");

        // Resolved alerts leave the open inbox; with "open only" off they are there with their outcome and history.
        await Expect(alert).ToHaveCountAsync(0);
        await inbox.ShowAll();
        await Expect(InboxPage.Status(alert)).ToHaveAttributeAsync("data-status", "Resolved");
        await Expect(alert.Locator("[data-testid=outcome-text]")).ToContainTextAsync("second till staffed");
        await alert.GetByText("History").ClickAsync();
        await Expect(alert.Locator("[data-testid=history] li")).ToHaveCountAsync(3);
        await Expect(alert.Locator("[data-testid=history]")).ToContainTextAsync(supervisor.UserName);
        await session.Screenshots.Take("alert-resolved");
    }

    [Fact]
    public async Task A_supervisor_of_another_region_never_sees_the_alert()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var (storeId, key, _, _, _) = await MiddayStore.Open(fixture, "scope");
        await fixture.Silo.PostSales(storeId, key, [SaleFactory.Sale("T01", 1, DateTimeOffset.UtcNow, ("6920433218190", 1, 5m))], cancellation);

        // East China's supervisor has an inbox, but not this region's alerts.
        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.FieldSupervisorEast);
        await new InboxPage(session).Open();
        await session.Screenshots.Take("inbox-as-other-region");
        await Expect(session.Page.Locator($"[data-testid=alert][data-store='{storeId}']")).ToHaveCountAsync(0);

        // A store manager's inbox holds their own store's alerts only: not this store's.
        await using var manager = await fixture.OpenSession();
        await manager.SignIn(DemoStaff.StoreManagerSh001);
        await new InboxPage(manager).Open();
        await manager.Screenshots.Take("inbox-as-store-manager");
        await Expect(manager.Page.Locator("[data-testid=not-allowed]")).ToHaveCountAsync(0);
        await Expect(manager.Page.Locator($"[data-testid=alert][data-store='{storeId}']")).ToHaveCountAsync(0);
        await Expect(manager.Page.Locator("[data-testid=alert]:not([data-store='store-sh001'])")).ToHaveCountAsync(0);
    }
}
