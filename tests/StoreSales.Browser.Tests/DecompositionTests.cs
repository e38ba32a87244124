using Dapper;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// 智能目标拆解 → 双轨校准 → apply, as HQ and the east region's manager do it in the browser: HQ enters next month's
/// target for region east and sees every store's share adding up to it; the manager opens one store from its link,
/// is refused a correction without a reason, corrects two stores with reasons, is refused an apply while the split
/// does not add up, and applies it once it does: the stores' targets are written.
/// </summary>
public sealed class DecompositionTests(BrowserFixture fixture)
{
    private static readonly string[] StaffingAndCompetitor = ["staffing", "competitor-nearby"];
    private static readonly string[] Other = ["other"];

    [Fact]
    public async Task Hq_proposes_the_regional_manager_calibrates_with_reasons_and_applies()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        var monthText = month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        const decimal RegionTarget = 1_234_567.89m;
        const string First = "store-sh001";
        var second = (await fixture.StoreIds("region-east")).First(s => s != First);
        await LastYearsMonth(month, (First, 80_000m), (second, 120_000m));

        await using (var hqSession = await fixture.OpenSession())
        {
            await hqSession.SignIn(DemoStaff.Headquarters);
            var hq = await new DecompositionPage(hqSession).Open("region-east", monthText);
            await hq.Propose(RegionTarget);
            await Expect(hq.Done).ToBeVisibleAsync();
            await Expect(hq.Proposal).ToHaveAttributeAsync("data-status", "open");
            await Expect(hq.Difference).ToHaveAttributeAsync("data-value", "0.00");
            await Expect(hq.Row(First).Locator("[data-testid=baseline]")).ToContainTextAsync("80,000.00");
            await Expect(hq.Row(First).Locator("[data-factor=inventory-turnover]")).ToHaveTextAsync("not known");
            await hqSession.Screenshots.Take("hq-proposal");
        }

        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.RegionalManagerEast);
        var page = await new DecompositionPage(session).Open("region-east", monthText, store: First);
        await Expect(page.Row(First)).ToHaveAttributeAsync("data-focused", "true");
        await Expect(page.Correction).ToHaveAttributeAsync("data-store", First);
        var firstProposed = await page.Proposed(First);
        var secondProposed = await page.Proposed(second);

        await page.Correct(firstProposed + 1_000m, []);
        await Expect(page.Refusal).ToHaveAttributeAsync("data-rule", "reasons");
        await session.Screenshots.Take("correction-without-reason-refused");

        await page.Correct(firstProposed + 1_000m, StaffingAndCompetitor);
        await Expect(page.Done).ToBeVisibleAsync();
        await Expect(page.Row(First).Locator("[data-testid=reasons]")).ToContainTextAsync("Staffing level, Competitor opening nearby");
        await Expect(page.Difference).ToHaveAttributeAsync("data-value", "1000.00");

        await page.Apply();
        await Expect(page.Refusal).ToHaveAttributeAsync("data-rule", "does-not-add-up");
        await session.Screenshots.Take("apply-refused-does-not-add-up");

        await page.StartCorrection(second);
        await page.Correct(secondProposed - 1_000m, Other, "mall entrance rebuilt");
        await Expect(page.Difference).ToHaveAttributeAsync("data-value", "0.00");
        await Expect(page.Row(second).Locator("[data-testid=reasons]")).ToContainTextAsync("mall entrance rebuilt");
        await session.Screenshots.Take("calibrated");

        await page.Apply();
        await Expect(page.Proposal).ToHaveAttributeAsync("data-status", "applied");
        await session.Screenshots.Take("applied");

        // The same page in Chinese: the reasons a manager ticks read as the chain's words.
        await session.Page.Locator("[data-testid=culture-zh-CN]").ClickAsync();
        await session.Page.WaitForURLAsync($"**/targets/decomposition/region-east/{monthText}?store={First}");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=freeze]");
        await Expect(page.Proposal.Locator("[data-testid=status]")).ToHaveTextAsync("已应用");
        await Expect(page.Row(First).Locator("[data-testid=reasons]")).ToContainTextAsync("人力饱和度");
        await session.Screenshots.Take("applied-zh-CN");

        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var written = (await connection.QueryAsync<(string, decimal)>(
            """
            SELECT t.store_id, t.amount FROM store_target t
            JOIN target_proposal_store p ON p.store_id = t.store_id
            JOIN target_proposal tp ON tp.proposal_id = p.proposal_id AND tp.month = t.month
            WHERE tp.region_id = 'region-east' AND tp.month = @month AND tp.status = 'applied'
            """,
            new { month = month.ToDateTime(TimeOnly.MinValue) })).ToDictionary(r => r.Item1, r => r.Item2);
        Assert.Equal(RegionTarget, written.Values.Sum());
        Assert.Equal((firstProposed + 1_000m, secondProposed - 1_000m), (written[First], written[second]));
    }

    private async Task LastYearsMonth(DateOnly month, params (string Store, decimal Total)[] sales)
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var at = new DateTimeOffset(month.AddYears(-1).AddDays(9).ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(8));
        foreach (var (store, total) in sales)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO sale (store_id, terminal_id, sequence, kind, rung_up_at, captured_at, total)
                VALUES (@store, 'pos-history', 1, 'sale', @at, @at, @total)
                """,
                new { store, at = at.UtcDateTime, total });
        }
    }
}
