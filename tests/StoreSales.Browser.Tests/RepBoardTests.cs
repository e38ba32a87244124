using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using StoreSales.Testing;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// A rep's working day on their board (<c>/me</c>): a lead given by the store manager counts down its golden 48 hours,
/// a first contact recorded on the customer's page takes it off the board, and a lead assigned through the API on
/// another command-center node arrives on the open board without a reload.
/// </summary>
public sealed class RepBoardTests(BrowserFixture fixture)
{
    private const string DemoRepId = "rep-sh001-01";   // sh001.rep

    [Fact]
    public async Task A_rep_sees_a_leads_countdown_records_a_first_contact_and_the_countdown_leaves_the_board()
    {
        var customer = await SalesForceCustomers.Create(fixture, DemoRepId, "黄金线索 周敏");
        using (var manager = await fixture.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager))
        {
            await SalesForceCustomers.AssignLead(manager, customer, DemoRepId);
        }

        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.SalesRepSh001);
        await Expect(session.Page.Locator("a[href='/me']")).ToBeVisibleAsync();
        var board = await new RepBoardPage(session).Open();
        await Expect(board.RepName).ToHaveTextAsync("Wang Fang");
        var lead = board.Lead(customer);
        await Expect(RepBoardPage.Countdown(lead)).ToHaveAttributeAsync("data-status", "Waiting");
        await Expect(RepBoardPage.Countdown(lead)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^(48:00|47:\d\d) left$"));
        await session.Screenshots.Take("board-with-lead");

        // The customer's page in a second tab; the board stays open in the first and must follow by itself.
        var tab = await session.Page.Context.NewPageAsync();
        var page = await new CustomerPage(tab).Open(customer);
        await Expect(page.Phone).ToHaveAttributeAsync("data-masked", "false");
        await Expect(page.OpenLead.Locator("[data-testid=countdown]")).ToHaveAttributeAsync("data-status", "Waiting");
        // A next action without its due date is refused, said in words, and records nothing.
        await page.RecordCallWithNextActionOnly("send the autumn catalogue");
        await Expect(page.Error("nextActionDue")).ToContainTextAsync("needs its due date");
        await Expect(page.OpenLead.Locator("[data-testid=countdown]")).ToHaveAttributeAsync("data-status", "Waiting");
        await page.RecordCall("reached her, visit on Saturday");
        await Expect(page.OpenLead).ToHaveCountAsync(0);
        await Expect(page.Timeline.Locator("[data-testid=timeline-interaction][data-kind=Call]")).ToContainTextAsync("visit on Saturday");
        await new Screenshots(tab, "RepBoardTests.customer-tab").Take("first-contact-recorded");

        await Expect(lead).ToHaveCountAsync(0);
        await session.Screenshots.Take("board-after-first-contact");
    }

    [Fact]
    public async Task A_lead_assigned_through_the_api_on_another_node_arrives_on_the_open_board_without_reload()
    {
        var customer = await SalesForceCustomers.Create(fixture, DemoRepId, "新线索 吴磊");
        await using var otherNode = await fixture.StartAnotherCommandCenter(new Dictionary<string, string?> { ["Demo:SeedStaff"] = "false" });
        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.SalesRepSh001);
        var board = await new RepBoardPage(session).Open();
        await Expect(board.Lead(customer)).ToHaveCountAsync(0);
        await session.Page.EvaluateAsync("() => window.__storesalesSameDocument = true");

        using (var manager = await otherNode.CreateSignedInClient(DemoLogins.Sh001Manager))
        {
            await SalesForceCustomers.AssignLead(manager, customer, DemoRepId);
        }

        await Expect(RepBoardPage.Countdown(board.Lead(customer))).ToHaveAttributeAsync("data-status", "Waiting");
        Assert.True(await session.Page.EvaluateAsync<bool>("() => window.__storesalesSameDocument === true"), "the board reloaded instead of receiving the lead live");
        await session.Screenshots.Take("lead-arrived-live");
    }

    [Fact]
    public async Task The_board_reads_in_Chinese_for_a_rep_who_switched_the_language()
    {
        var customer = await SalesForceCustomers.Create(fixture, DemoRepId, "中文看板 郑华");
        using (var manager = await fixture.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager))
        {
            await SalesForceCustomers.AssignLead(manager, customer, DemoRepId);
        }

        // Another of the rep's customers, not contacted for 35 days: due for follow-up (from 30), not in the pool (45).
        var quiet = await SalesForceCustomers.Create(fixture, DemoRepId, "久未联系 冯涛");
        await SalesForceCustomers.Idle(fixture, quiet, days: 35);

        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.SalesRepSh001);
        var board = await new RepBoardPage(session).Open();
        await session.Page.Locator("[data-testid=culture-zh-CN]").ClickAsync();
        await session.Page.WaitForURLAsync("**/me");
        await board.WaitUntilLive();

        await Expect(session.Page.Locator("[data-testid=open-leads] h6")).ToHaveTextAsync("待联系线索");
        await Expect(RepBoardPage.Countdown(board.Lead(customer))).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^剩余 (48:00|47:\d\d)$"));
        await Expect(session.Page.Locator("[data-testid=follow-ups] h6")).ToHaveTextAsync("待跟进客户");
        var followUp = session.Page.Locator($"[data-testid=follow-up][data-customer='{quiet}']");
        await Expect(followUp).ToHaveAttributeAsync("data-state", "FollowUpDue");
        await Expect(followUp.Locator("[data-testid=idle-days]")).ToHaveTextAsync("35");
        await session.Screenshots.Take("board-zh-CN");
    }

    [Fact]
    public async Task Another_rep_of_the_store_is_not_allowed_to_see_a_colleagues_board_the_store_manager_is()
    {
        await fixture.CommandCenter.EnsureStaff("sh001.rep2", StoreSales.Domain.Access.ChainRoles.SalesRep,
            new System.Security.Claims.Claim(StoreSales.CommandCenter.Access.ScopeClaims.Store, "store-sh001"),
            new System.Security.Claims.Claim(StoreSales.CommandCenter.Access.ScopeClaims.Rep, "rep-sh001-02"));
        await using var colleague = await fixture.OpenSession();
        await colleague.SignIn(new DemoLogin("sh001.rep2", DemoLogins.Password, "sales-rep"));
        await colleague.Page.GotoAsync($"/reps/{DemoRepId}");
        await Expect(colleague.Page.Locator("[data-testid=not-allowed]")).ToBeVisibleAsync();
        await Expect(colleague.Page.Locator("[data-testid=rep-board]")).ToHaveCountAsync(0);
        await colleague.Screenshots.Take("colleague-refused");

        await using var manager = await fixture.OpenSession();
        await manager.SignIn(DemoStaff.StoreManagerSh001);
        // From the store's board, where the manager finds the store's reps.
        await new StoreBoardPage(manager).Open("store-sh001");
        await manager.Page.Locator($"[data-testid=rep-link][data-rep='{DemoRepId}']").ClickAsync();
        await manager.Page.WaitForURLAsync($"**/reps/{DemoRepId}");
        var board = await new RepBoardPage(manager).WaitUntilLive();
        await Expect(board.RepName).ToHaveTextAsync("Wang Fang");
        // The week's process health (GET /api/reps/{id}/health's figures) beside the targets.
        await Expect(manager.Page.Locator("[data-testid=process-health-section]")).ToBeVisibleAsync();
        await manager.Screenshots.Take("manager-sees-rep-board");
    }
}
