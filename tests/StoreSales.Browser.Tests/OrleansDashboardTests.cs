using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>The Orleans Dashboard as an admin reaches it: from the navigation's admin page, in a tab of its own.</summary>
public sealed class OrleansDashboardTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_admin_opens_the_Orleans_Dashboard_from_the_admin_page_and_sees_the_running_silo()
    {
        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.Admin);

        await AdminPage.OpenFromNavigation(session);
        var link = session.Page.Locator("[data-testid=admin-orleans-dashboard-link]");
        // The link of the live page: a click on its prerendered copy, replaced as the circuit renders, opened no tab
        // on a loaded CI run.
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=admin-orleans-dashboard-link]");
        await Expect(link).ToBeVisibleAsync();
        await session.Screenshots.Take("admin-page");

        var dashboard = await session.Page.Context.RunAndWaitForPageAsync(() => link.ClickAsync());
        await Expect(dashboard).ToHaveURLAsync(new Uri(session.BaseAddress, "/admin/orleans/").ToString());
        // The dashboard's own overview, drawn by its script from the data it fetched with the admin's cookie.
        await Expect(dashboard.GetByText("Active Silos").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await dashboard.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "OrleansDashboardTests", "dashboard.png") });
    }

    [Fact]
    public async Task A_store_manager_has_no_admin_entry_and_the_admin_page_says_not_allowed()
    {
        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.StoreManagerSh001);

        await session.Page.GotoAsync("/admin");
        await Expect(session.Page.Locator("[data-testid=not-allowed]")).ToBeVisibleAsync();
        await session.Screenshots.Take("admin-page-as-store-manager");

        await Expect(session.Page.Locator(AdminPage.NavigationEntry)).ToHaveCountAsync(0);
        await Expect(session.Page.Locator("[data-testid=admin-orleans-dashboard-link]")).ToHaveCountAsync(0);
    }
}
