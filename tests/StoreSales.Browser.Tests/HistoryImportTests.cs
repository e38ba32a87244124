using System.Text;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// Head office imports past sales from a CSV file: the job reaches done on the page without a reload, the bad rows are
/// listed with their line, and the sales are in the ledger under the history terminal; choosing "stop at the first" refuses
/// a bad file with its line and writes nothing. A store manager is offered no import.
/// </summary>
public sealed class HistoryImportTests(BrowserFixture fixture)
{
    private const string Header = "store,terminal,time,item,quantity,amount";

    [Fact]
    public async Task Head_office_uploads_history_sees_it_reach_done_with_its_bad_rows_and_a_stopped_file_writes_nothing()
    {
        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.Headquarters);
        var page = await new HistoryImportPage(session).Open();
        await Expect(page.NavEntry).ToBeVisibleAsync();
        await session.Screenshots.Take("history-import-page");

        var day = DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var csv = Header + "\n"
            + $"store-sh001,BT1,{day} 10:00:00,6901234567892,2,19.90\n"
            + $"store-sh001,BT1,{day} 10:00:00,6901234567893,1,5.00\n"        // the same sale's second line
            + $"store-sh001,BT1,{day} 10:05:00,6901234567892,1,9.95\n"
            + $"store-nowhere,BT1,{day} 10:06:00,6901234567892,1,9.95\n";     // line 5: unknown store
        await page.Upload("history.csv", Encoding.UTF8.GetBytes(csv));

        await Expect(page.Job).ToHaveAttributeAsync("data-status", "done", new() { Timeout = 20_000 });
        await Expect(page.Figure("total")).ToHaveAttributeAsync("data-value", "4");
        await Expect(page.Figure("rows-done")).ToHaveAttributeAsync("data-value", "3");
        await Expect(page.Figure("bad")).ToHaveAttributeAsync("data-value", "1");
        await Expect(page.Figure("sales-added")).ToHaveAttributeAsync("data-value", "2");
        await Expect(page.BadRows).ToHaveCountAsync(1);
        await Expect(page.BadRows.Nth(0)).ToHaveAttributeAsync("data-line", "5");
        await Expect(page.BadRows.Nth(0)).ToHaveAttributeAsync("data-reason", "unknown-store");
        await session.Screenshots.Take("history-import-done");
        Assert.Equal(3485, await fixture.Database.Count("SELECT (sum(total) * 100)::bigint FROM sale WHERE store_id = 'store-sh001' AND terminal_id = 'hist:BT1'"));

        // Stop at the first bad row: the file is refused with the line, and nothing of it is written.
        page = await new HistoryImportPage(session).Open();
        await page.StopAtFirstBadRow();
        var stopped = Header + "\n"
            + $"store-sh001,BT2,{day} 11:00:00,6901234567892,1,9.95\n"
            + $"store-sh001,BT2,{day} 11:01:00,6901234567892,-1,9.95\n";     // line 3: negative quantity
        await page.Upload("stopped.csv", Encoding.UTF8.GetBytes(stopped));
        await Expect(page.Refused).ToContainTextAsync("Line 3");
        await session.Screenshots.Take("history-import-stopped");
        Assert.Equal(0, await fixture.Database.Count("SELECT count(*) FROM sale WHERE terminal_id = 'hist:BT2'"));
    }

    [Fact]
    public async Task A_store_manager_is_offered_no_history_import()
    {
        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.StoreManagerSh001);

        await session.Page.GotoAsync("/history/import");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=not-allowed]");

        await Expect(new HistoryImportPage(session).NavEntry).ToHaveCountAsync(0);
        await Expect(session.Page.Locator("input[type=file]")).ToHaveCountAsync(0);
        var refused = await session.Page.APIRequest.PostAsync("/api/history/import", new() { Headers = new Dictionary<string, string> { ["Content-Type"] = "text/csv" }, Data = Header + "\n" });
        Assert.Equal(403, refused.Status);
    }
}
