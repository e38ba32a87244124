using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using StoreSales.Data.Targets;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// Issue 10's whole target flow in the browser, on this month so that the live store board shows it: HQ enters region
/// east's target and gets a proposal; the regional manager calibrates two stores with reasons and applies; the month
/// freezes at 24:00 Shanghai time on the 25th (the targets' own clock, <see cref="TargetClock.Key"/>, is moved; the
/// silo keeps real time); a new proposal is then refused, the manager files a change request with a reason, HQ approves
/// it, and the store board open all along shows the new target without a reload; the audit trail lists the proposal,
/// the calibration and the request.
/// </summary>
public sealed class TargetFlowTests(BrowserFixture fixture)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly string[] Staffing = ["staffing"];
    private static readonly string[] RefitDays = ["refit-closure-days"];

    [Fact]
    public async Task Proposal_calibration_freeze_change_request_and_approval_reach_the_live_board_and_the_audit_trail()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai).DateTime);
        var month = new DateOnly(today.Year, today.Month, 1);
        var monthText = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        // The freeze day is the 25th (Targets:Freeze:FreezeDay's default): frozen from 00:00 on the 26th, Shanghai time.
        // A clock gives UTC instants (the ledger takes no other offset).
        var freezesAt = new DateTimeOffset(month.AddDays(25).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();
        var clock = new FakeTimeProvider(new DateTimeOffset(month.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)).ToUniversalTime());
        await using var commandCenter = await fixture.StartAnotherCommandCenter(
            services: s => s.AddKeyedSingleton<TimeProvider>(TargetClock.Key, clock));

        const decimal RegionTarget = 3_000_000m;
        const string First = "store-sh001";
        var stores = await fixture.StoreIds("region-east");
        var second = stores.First(s => s != First);
        var untouched = stores.First(s => s != First && s != second);

        await using var hqSession = await fixture.OpenSession(commandCenter.BaseAddress);
        await hqSession.SignIn(DemoStaff.Headquarters);
        var hq = await new DecompositionPage(hqSession).Open("region-east", monthText);
        await hq.Propose(RegionTarget);
        await Expect(hq.Proposal).ToHaveAttributeAsync("data-status", "open");
        await Expect(hq.Difference).ToHaveAttributeAsync("data-value", "0.00");
        await hqSession.Screenshots.Take("hq-proposal");

        // The regional manager moves store-sh001 to a round figure and takes the difference off a second store.
        await using var manager = await fixture.OpenSession(commandCenter.BaseAddress);
        await manager.SignIn(DemoStaff.RegionalManagerEast);
        var calibration = await new DecompositionPage(manager).Open("region-east", monthText, store: First);
        var firstProposed = await calibration.Proposed(First);
        var secondProposed = await calibration.Proposed(second);
        var firstCalibrated = (Math.Round(firstProposed / 1_000m) * 1_000m) + 5_000m;
        var secondCalibrated = secondProposed - (firstCalibrated - firstProposed);
        await calibration.Correct(firstCalibrated, Staffing);
        await Expect(calibration.Done).ToBeVisibleAsync();
        await calibration.StartCorrection(second);
        await calibration.Correct(secondCalibrated, RefitDays);
        await Expect(calibration.Difference).ToHaveAttributeAsync("data-value", "0.00");
        await manager.Screenshots.Take("calibrated-with-reasons");
        await calibration.Apply();
        await Expect(calibration.Proposal).ToHaveAttributeAsync("data-status", "applied");
        await manager.Screenshots.Take("applied");

        // The store's board, open from here to the end: it is never reloaded.
        await using var boardSession = await fixture.OpenSession(commandCenter.BaseAddress);
        await boardSession.SignIn(DemoStaff.StoreManagerSh001);
        await new StoreBoardPage(boardSession).Open(First);
        var monthTarget = boardSession.Page.Locator("[data-testid=store-board] [data-testid=period-month] [data-testid=target]");
        await Expect(monthTarget).ToContainTextAsync(Whole(firstCalibrated));
        await boardSession.Screenshots.Take("board-with-calibrated-target");

        // One second before 24:00 on the 25th the month is open; at 24:00 it is frozen.
        clock.SetUtcNow(freezesAt.AddSeconds(-1));
        await calibration.Open("region-east", monthText);
        await Expect(manager.Page.Locator("[data-testid=freeze]")).ToHaveAttributeAsync("data-frozen", "false");
        // Shown as the stores' own time (16:00 UTC on the 25th would read as the wrong day to a Shanghai manager).
        await Expect(manager.Page.Locator("[data-testid=freeze]")).ToContainTextAsync($"{monthText}-26 00:00 (UTC+08:00)");
        clock.SetUtcNow(freezesAt);
        await calibration.Open("region-east", monthText);
        await Expect(manager.Page.Locator("[data-testid=freeze]")).ToHaveAttributeAsync("data-frozen", "true");
        await manager.Screenshots.Take("frozen");

        // Frozen, HQ's new proposal is refused by the server, naming the rule.
        await hq.Open("region-east", monthText);
        await hq.Propose(RegionTarget + 100_000m);
        await Expect(hq.Refusal).ToHaveAttributeAsync("data-rule", "target-frozen");
        await Expect(hq.Proposal).ToHaveAttributeAsync("data-status", "applied");
        await hqSession.Screenshots.Take("proposal-refused-frozen");

        // The manager may no longer edit: the change is a request with a reason.
        var requested = firstCalibrated + 20_000m;
        var targets = await new TargetsPage(manager).Open(monthText);
        await Expect(targets.Row(First).Locator("[data-testid=target-frozen]")).ToBeVisibleAsync();
        await Expect(targets.Row(First).Locator("[data-testid=target-save]")).ToHaveCountAsync(0);
        await targets.Fill(First, requested, "anchor tenant opened next door");
        await targets.AskForChange(First);
        await Expect(targets.Done).ToBeVisibleAsync();
        await Expect(targets.Request("pending").Filter(new() { HasText = First })).ToContainTextAsync("anchor tenant opened next door");
        await manager.Screenshots.Take("change-requested");

        var queue = await new TargetsPage(hqSession).Open(monthText);
        var pending = queue.Request("pending").Filter(new() { HasText = First });
        await Expect(pending).ToBeVisibleAsync();
        await hqSession.Screenshots.Take("approver-queue");
        await TargetsPage.Approve(pending);
        await Expect(queue.Request("approved").Filter(new() { HasText = First })).ToBeVisibleAsync();
        await Expect(queue.Amount(First)).ToContainTextAsync(Whole(requested));

        // The board re-paced live: the approved target, with no reload.
        await Expect(monthTarget).ToContainTextAsync(Whole(requested));
        await boardSession.Screenshots.Take("board-shows-approved-target-live");

        // The audit trail: HQ's region target (the proposal), the stores' shares as proposed or calibrated with their
        // reasons, and the approved request.
        await Expect(queue.AuditEntry("region-east", "edit")).ToContainTextAsync("decomposition");
        await Expect(queue.AuditEntry(untouched, "calibration")).ToContainTextAsync("decomposition proposal");
        await Expect(queue.AuditEntry(First, "calibration")).ToContainTextAsync("calibration: staffing");
        await Expect(queue.AuditEntry(second, "calibration")).ToContainTextAsync("calibration: refit-closure-days");
        await Expect(queue.AuditEntry(First, "request")).ToContainTextAsync("anchor tenant opened next door");
        await hqSession.Screenshots.Take("audit-trail");
    }

    // As the pages print money: whole yuan with thousands separators.
    private static string Whole(decimal amount) => Math.Round(amount).ToString("N0", CultureInfo.InvariantCulture);
}
