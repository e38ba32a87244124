using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Data.Targets;
using StoreSales.Domain.Interventions;
using StoreSales.Domain.Targets.Attribution;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// The attribution report as HQ reads it: the month before last reported (a typhoon closed Shanghai Jing'an for four
/// hours, Shanghai Pudong's red alert was never resolved), its target quality on the HQ page, the report page with its
/// charts and a store's causes, and the PDF export rendered to a PNG beside the screenshots (poppler's pdftoppm).
/// </summary>
public sealed class AttributionReportTests(BrowserFixture fixture)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HQ_reads_the_report_drills_into_a_store_and_exports_it_as_pdf()
    {
        var month = await ReportTheMonthBeforeLast();
        var name = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.Headquarters);

        // HQ page: East China's stores missed by 7.8 %, 100 % and 100 %: ±69.3 % that month, the oldest of the line (the
        // silo has reported last month too, when it started).
        await session.Page.GotoAsync("/hq");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=region-summary]");
        var east = session.Page.Locator("[data-testid=target-quality-region][data-region=region-east] [data-testid=target-quality-line]");
        await Expect(east).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^±69.3 %( → |$)"));
        Assert.StartsWith(name, await east.GetAttributeAsync("title"), StringComparison.Ordinal);
        await session.Screenshots.Take("hq-target-quality");

        await session.Page.GotoAsync($"/attribution/{name}");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=store-table]");
        // The demo's two regions; other tests of this fixture may have added regions of their own to the shared chain.
        await Expect(session.Page.Locator("[data-testid=region-row][data-region=region-east]")).ToHaveCountAsync(1);
        await Expect(session.Page.Locator("[data-testid=region-row][data-region=region-south]")).ToHaveCountAsync(1);
        await Expect(session.Page.Locator("[data-testid=region-chart] svg").First).ToBeVisibleAsync();
        await Expect(session.Page.Locator("[data-testid=management-chart] svg").First).ToBeVisibleAsync();
        await session.Screenshots.Take("report");

        // Drill-down: Jing'an's gap is the typhoon (objective) and the rest; Pudong's the alert left open (management).
        await session.Page.Locator("[data-testid=store-row][data-store=store-sh001]").ClickAsync();
        var causes = session.Page.Locator("[data-testid=store-causes][data-store=store-sh001] [data-testid=cause-row]");
        await Expect(causes).ToHaveCountAsync(1);
        await Expect(causes.First).ToContainTextAsync("Weather closure");
        await Expect(causes.First).ToContainTextAsync("Objective");
        await session.Screenshots.Take("store-causes");
        await session.Page.Locator("[data-testid=store-row][data-store=store-sh002]").ClickAsync();
        await Expect(session.Page.Locator("[data-testid=store-causes][data-store=store-sh002] [data-testid=cause-row]").First).ToContainTextAsync("Red alert open past its SLA");

        // The export button's PDF, fetched with the page's own sign-in, rendered to PNG for a person to look at.
        var href = await session.Page.Locator("[data-testid=export-pdf]").GetAttributeAsync("href");
        Assert.Equal($"/api/attribution/{name}/export.pdf", href);
        var response = await session.Page.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, response.Status);
        var png = await RenderFirstPage(await response.BodyAsync(), $"AttributionReportTests.report-{name}");
        Assert.True(new FileInfo(png).Length > 10_000, $"{png} should hold a rendered page");
        TestContext.Current.TestOutputHelper?.WriteLine($"pdf page: {png}");
    }

    [Fact]
    public async Task A_store_manager_reads_only_their_store_in_Chinese()
    {
        var month = await ReportTheMonthBeforeLast();
        var name = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.StoreManagerSh001);
        await session.Page.GotoAsync($"/attribution/{name}");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=store-table]");
        await session.Page.Locator("[data-testid=culture-zh-CN]").ClickAsync();
        await session.Page.WaitForURLAsync($"**/attribution/{name}");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=store-table]");

        await Expect(session.Page.Locator("h4").First).ToHaveTextAsync("目标达成归因报告");
        await Expect(session.Page.Locator("[data-testid=store-row]")).ToHaveCountAsync(1);
        await Expect(session.Page.Locator("[data-testid=store-row][data-store=store-sh001]")).ToBeVisibleAsync();
        await Expect(session.Page.Locator("[data-testid=region-chart]")).ToHaveCountAsync(0);
        await session.Page.Locator("[data-testid=store-row][data-store=store-sh001]").ClickAsync();
        await Expect(session.Page.Locator("[data-testid=cause-row]").First).ToContainTextAsync("天气闭店");
        await session.Screenshots.Take("report-zh-CN");
    }

    /// <summary>
    /// The month before last reported with its facts (once per run: the browser tests share one database; a second
    /// generation replaces the report with the same figures).
    /// </summary>
    private async Task<DateOnly> ReportTheMonthBeforeLast()
    {
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-2);
        var at = (int day, int hour) => new DateTimeOffset(month.Year, month.Month, day, hour, 0, 0, TimeSpan.FromHours(8));
        await using (var connection = await fixture.Database.DataSource.OpenConnectionAsync(Cancellation))
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO store_target (store_id, month, amount) SELECT store_id, @month, 434000 FROM store ON CONFLICT DO NOTHING;
                INSERT INTO sale (store_id, terminal_id, sequence, kind, rung_up_at, captured_at, total)
                VALUES ('store-sh001', 'A01', 900001, 'sale', @sold, now(), 400000) ON CONFLICT DO NOTHING;
                INSERT INTO store_event (store_id, kind, starts_at, ends_at, closes_store, recorded_by, recorded_at)
                SELECT 'store-sh001', 'weather-closure', @closedFrom, @closedTo, true, 'sh001.manager', now()
                WHERE NOT EXISTS (SELECT 1 FROM store_event WHERE store_id = 'store-sh001' AND starts_at = @closedFrom);
                INSERT INTO intervention (alert_id, condition, subject_kind, subject_id, store_id, region_id, severity, assignee, status, level, raised_at, updated_at, evidence)
                VALUES ('store-sh002/supervisor:region-east/day-behind#attribution', 'day-behind', 'store', 'store-sh002', 'store-sh002', 'region-east', 'high',
                        'supervisor:region-east', 'Open', 0, @raised, @raised, '{}')
                ON CONFLICT DO NOTHING;
                """,
                new
                {
                    month = month.ToDateTime(TimeOnly.MinValue),
                    sold = at(20, 12).UtcDateTime,
                    closedFrom = at(15, 14).UtcDateTime,
                    closedTo = at(15, 18).UtcDateTime,
                    raised = at(10, 10).UtcDateTime,
                });
        }

        var reports = new PgAttributionReports(fixture.Database.DataSource, Options.Create(new AttributionOptions()), Options.Create(new InterventionSlaOptions()));
        await reports.Generate(month, DateTimeOffset.UtcNow, Cancellation);
        return month;
    }

    /// <summary>The PDF's first page as a PNG in the screenshots folder, by pdftoppm (Debian's poppler-utils).</summary>
    private static async Task<string> RenderFirstPage(byte[] pdf, string name)
    {
        var stem = Path.Combine(Screenshots.Folder, name);
        await File.WriteAllBytesAsync(stem + ".pdf", pdf, Cancellation);
        using var process = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-r", "80", "-singlefile", stem + ".pdf", stem]) { RedirectStandardError = true })
            ?? throw new InvalidOperationException("pdftoppm did not start: apt-get install poppler-utils");
        var errors = await process.StandardError.ReadToEndAsync(Cancellation);
        await process.WaitForExitAsync(Cancellation);
        Assert.True(process.ExitCode == 0, $"pdftoppm: {errors}");
        return stem + ".png";
    }
}
