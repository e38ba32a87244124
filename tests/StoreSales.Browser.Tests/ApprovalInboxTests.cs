using Microsoft.Extensions.DependencyInjection;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using StoreSales.Data.Approvals;
using StoreSales.Domain.Access;
using StoreSales.Domain.Approvals;
using StoreSales.Testing;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// The approvals inbox in a real browser: the east region's sales director has <c>/approvals</c> open; a contract-entry
/// request filed for a customer of the region reaches it without a reload, opens with the customer beside it, and is
/// approved with a reason (it then leaves the inbox). A request the director filed themselves is shown to them but not
/// theirs to approve: the page says why.
/// </summary>
public sealed class ApprovalInboxTests(BrowserFixture fixture)
{
    private const string Rep = "rep-sh001-01";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ApprovalBook Book => fixture.CommandCenter.Services.GetRequiredService<ApprovalBook>();

    [Fact]
    public async Task A_request_reaches_the_directors_open_inbox_live_and_is_approved_with_a_reason()
    {
        var customerId = await SalesForceCustomers.Create(fixture, Rep, "华东医疗器械 周总");
        await using var director = await fixture.OpenSession();
        await director.SignIn(DemoStaff.SalesDirectorEast);
        var inbox = await new ApprovalsPage(director).Open();

        var filed = await Book.File(Contract(customerId, DemoLogins.Sh001Rep), Cancellation);
        var approvalId = filed.Request.ApprovalId;

        // No reload: the request appears in the open inbox.
        await Expect(inbox.Item(approvalId)).ToBeVisibleAsync();
        await director.Screenshots.Take("director-inbox-receives-request");

        await inbox.OpenItem(approvalId);
        await Expect(inbox.Part("approval-customer-name")).ToContainTextAsync("华东医疗器械 周总");
        await Expect(inbox.Part("approval-summary")).ToContainTextAsync("Ward monitors, 40 beds");
        await inbox.Decide(approve: true, "Needs confirmed by the ward head; minutes attached");

        await Expect(inbox.Detail).ToHaveAttributeAsync("data-status", "approved");
        await Expect(director.Page.Locator("[data-testid=approval-step][data-role=sales-director]")).ToHaveAttributeAsync("data-decided", "approved");
        await Expect(inbox.Part("approval-step-reason")).ToHaveTextAsync("Needs confirmed by the ward head; minutes attached");
        await Expect(inbox.Item(approvalId)).ToHaveCountAsync(0);
        await director.Screenshots.Take("director-approved-with-reason");
        Assert.Equal(ApprovalStatus.Approved, (await Book.Find(approvalId, Cancellation))!.Status);
    }

    [Fact]
    public async Task The_requester_cannot_approve_their_own_request_and_is_told_why()
    {
        var customerId = await SalesForceCustomers.Create(fixture, Rep, "华东汽配 吴经理");
        var filed = await Book.File(Contract(customerId, DemoLogins.EastDirector), Cancellation);
        await using var director = await fixture.OpenSession();
        await director.SignIn(DemoStaff.SalesDirectorEast);

        var page = await new ApprovalsPage(director).Open(filed.Request.ApprovalId);
        await Expect(page.Part("approval-own-note")).ToBeVisibleAsync();
        await Expect(page.Item(filed.Request.ApprovalId)).ToHaveCountAsync(0);   // not in their waiting list
        await page.Decide(approve: true, "I think it is fine");

        await Expect(page.Part("approval-refusal")).ToHaveAttributeAsync("data-rule", "own-request");
        await Expect(page.Detail).ToHaveAttributeAsync("data-status", "pending");
        await director.Screenshots.Take("own-request-refused");
        Assert.Empty((await Book.Find(filed.Request.ApprovalId, Cancellation))!.Decisions);
    }

    private static NewApprovalRequest Contract(string customerId, string requestedBy) => new(
        ApprovalKinds.ContractEntry, $"opp-browser-{Guid.NewGuid():N}"[..28], [ChainRoles.SalesDirector], requestedBy, DateTimeOffset.UtcNow.AddDays(1),
        CustomerId: customerId, DepartmentId: "dept-east-retail", RegionId: "region-east", Amount: 880_000m,
        SummaryJson: """{"title":"Ward monitors, 40 beds","stage":"proposal","amount":880000}""");
}
