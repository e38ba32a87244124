using System.Text;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// A store manager imports their team's customers from a CSV file: the job's progress reaches done on the page without
/// a reload, and the rows that added nothing are listed with why. Exporting contact details is not theirs: the page
/// offers no export, and the export through their browser session is refused (403) and audited.
/// </summary>
public sealed class CustomerImportTests(BrowserFixture fixture)
{
    private const string Header = "row_key,kind,name,phone,credit_code,member_code,owner_rep_id,department_id,service_from,service_to";

    [Fact]
    public async Task A_manager_uploads_a_csv_sees_it_reach_done_with_its_rejections_and_is_refused_the_export()
    {
        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.StoreManagerSh001);
        var page = await new CustomerImportPage(session).Open();
        await Expect(page.NavEntry).ToBeVisibleAsync();
        await Expect(page.ExportLink).ToHaveCountAsync(0);
        await session.Screenshots.Take("import-page");

        var csv = Header + "\n"
            + "browser#1,member,周杰,13900990001,,,rep-sh001-01,store-sh001,,\n"
            + "browser#2,account,上海浏览器测试有限公司,13900990002,,,rep-sh001-02,store-sh001,2026-01-01,2026-12-31\n"
            + "browser#3,member,吴霞,13900990003,,,rep-gz001-01,dept-south-retail,,\n"      // another store's rep
            + "browser#4,member,陈静,13900990001,,,rep-sh001-03,store-sh001,,\n";           // row 1's phone
        await page.Upload("sh001-customers.csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)]);

        await Expect(page.Job).ToHaveAttributeAsync("data-status", "done", new() { Timeout = 20_000 });
        await Expect(page.Count("total")).ToHaveTextAsync("4");
        await Expect(page.Count("done")).ToHaveTextAsync("4");
        await Expect(page.Count("created")).ToHaveTextAsync("2");
        await Expect(page.Count("duplicates")).ToHaveTextAsync("1");
        await Expect(page.Count("rejected")).ToHaveTextAsync("1");
        await Expect(page.Issues).ToHaveCountAsync(2);
        await Expect(page.Issues.Nth(0)).ToHaveAttributeAsync("data-reason", "not-allowed");
        await Expect(page.Issues.Nth(0)).ToContainTextAsync("rep-gz001-01");
        await Expect(page.Issues.Nth(1)).ToHaveAttributeAsync("data-field", "phone");
        await Expect(page.Issues.Nth(1)).ToContainTextAsync("Row 1 of this file");
        await session.Screenshots.Take("import-done");
        Assert.Equal(2, await fixture.Database.Count("SELECT count(*) FROM customer WHERE import_row_key IN ('browser#1', 'browser#2')"));

        // The export is a right of its own: refused through the manager's own browser session, and on record.
        var refusal = await session.Page.GotoAsync("/api/customers/export");
        Assert.NotNull(refusal);
        Assert.Equal(403, refusal.Status);
        await Expect(session.Page.Locator("body")).ToContainTextAsync("export-contacts");
        await session.Screenshots.Take("export-refused");
        Assert.Equal(1, await fixture.Database.Count("SELECT count(*) FROM customer_export_audit WHERE exported_by = 'sh001.manager' AND NOT allowed AND row_count = 0"));
    }

    [Fact]
    public async Task A_rep_is_offered_no_import_and_the_page_says_it_is_not_theirs()
    {
        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.SalesRepSh001);

        await session.Page.GotoAsync("/customers/import");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=not-allowed]");

        var page = new CustomerImportPage(session);
        await Expect(page.NavEntry).ToHaveCountAsync(0);
        await Expect(session.Page.Locator("input[type=file]")).ToHaveCountAsync(0);
        await session.Screenshots.Take("rep-not-allowed");
    }
}
