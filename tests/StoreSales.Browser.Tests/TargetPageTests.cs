using System.Globalization;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// The targets page (<c>/targets</c>): a regional manager edits an open month; last month is frozen (a month that is over
/// always is), so an edit there is a change request with a reason, which HQ approves in its queue: the target changes
/// and the audit trail shows it as an approved request.
/// </summary>
public sealed class TargetPageTests(BrowserFixture fixture)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static DateOnly ThisMonth
    {
        get
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai).DateTime);
            return new DateOnly(today.Year, today.Month, 1);
        }
    }

    private static string Text(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_frozen_months_change_is_requested_with_a_reason_and_approved_by_HQ_into_the_audit_trail()
    {
        var lastMonth = Text(ThisMonth.AddMonths(-1));
        var nextMonth = Text(ThisMonth.AddMonths(1));

        await using (var manager = await fixture.OpenSession())
        {
            await manager.SignIn(DemoStaff.RegionalManagerEast);
            await Expect(manager.Page.Locator("[data-testid=nav-targets]")).ToBeVisibleAsync();
            var page = await new TargetsPage(manager).Open(nextMonth);
            await Expect(page.Table("region")).ToBeVisibleAsync();
            await Expect(page.Row("region-east").Locator("[data-testid=target-save]")).ToHaveCountAsync(0); // HQ's to set
            await page.Fill("store-hz001", 654_321m, "new metro station");
            await page.Save("store-hz001");
            await Expect(page.Done).ToBeVisibleAsync();
            await Expect(page.AuditEntry("store-hz001", "edit")).ToBeVisibleAsync();
            await manager.Screenshots.Take("open-month-edited");

            page = await new TargetsPage(manager).Open(lastMonth);
            await Expect(page.Row("store-hz001").Locator("[data-testid=target-frozen]")).ToBeVisibleAsync();
            await Expect(page.Row("store-hz001").Locator("[data-testid=target-save]")).ToHaveCountAsync(0);
            await page.Fill("store-hz001", 777_000m, "");
            await page.AskForChange("store-hz001");
            await Expect(page.Refusal).ToHaveAttributeAsync("data-rule", "reason-required");
            await manager.Screenshots.Take("frozen-request-without-reason-refused");

            await page.Fill("store-hz001", 777_000m, "road works closed the entrance for ten days");
            await page.AskForChange("store-hz001");
            await Expect(page.Done).ToBeVisibleAsync();
            await Expect(page.Request("pending")).ToContainTextAsync("road works closed the entrance");
            await manager.Screenshots.Take("change-requested");
        }

        await using var hq = await fixture.OpenSession();
        await hq.SignIn(DemoStaff.Headquarters);
        var queue = await new TargetsPage(hq).Open(lastMonth);
        var pending = queue.Request("pending").Filter(new() { HasText = "store-hz001" });
        await Expect(pending).ToBeVisibleAsync();
        await hq.Screenshots.Take("approver-queue");

        await TargetsPage.Approve(pending);

        await Expect(queue.Done).ToBeVisibleAsync();
        await Expect(queue.Request("approved").Filter(new() { HasText = "store-hz001" })).ToBeVisibleAsync();
        await Expect(queue.Amount("store-hz001")).ToContainTextAsync("777,000");
        await Expect(queue.AuditEntry("store-hz001", "request")).ToContainTextAsync("road works closed the entrance");
        await hq.Screenshots.Take("approved-in-audit-trail");
    }

    [Fact]
    public async Task A_store_manager_sets_their_reps_targets_and_sees_no_region()
    {
        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.StoreManagerSh001);
        var page = await new TargetsPage(session).Open(Text(ThisMonth.AddMonths(2)));

        await Expect(page.Table("region")).ToHaveCountAsync(0);
        await Expect(page.Row("store-sh001").Locator("[data-testid=target-save]")).ToHaveCountAsync(0);
        await Expect(page.Row("store-sh002")).ToHaveCountAsync(0);
        await page.Fill("rep-sh001-02", 30_000m, "");
        await page.Save("rep-sh001-02");

        await Expect(page.Done).ToBeVisibleAsync();
        await Expect(page.Amount("rep-sh001-02")).ToContainTextAsync("30,000");
        await session.Screenshots.Take("store-manager-reps");
    }

    [Fact]
    public async Task A_rep_sees_their_own_target_read_only()
    {
        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.SalesRepSh001);
        var page = await new TargetsPage(session).Open(Text(ThisMonth));

        await Expect(page.Row("rep-sh001-01")).ToBeVisibleAsync();
        await Expect(page.Row("rep-sh001-02")).ToHaveCountAsync(0);
        await Expect(session.Page.Locator("[data-testid=target-new-amount]")).ToHaveCountAsync(0);
        await Expect(page.Table("region")).ToHaveCountAsync(0);
    }
}
