using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using StoreSales.Testing;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// The opportunity page (<c>/opportunities/{id}</c>) and the pipeline (<c>/pipeline</c>): the rep moves an opportunity
/// through its stages uploading each stage's document; a move without the document is blocked with its message naming
/// what is missing; the pipeline shows the card in its stage, yellow once idle for the stage's limit.
/// </summary>
public sealed class OpportunityPageTests(BrowserFixture fixture)
{
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n"u8];

    [Fact]
    public async Task A_rep_moves_an_opportunity_through_its_stages_with_evidence_and_a_missing_document_blocks_the_move()
    {
        var customer = await SalesForceCustomers.Create(fixture, "rep-sh001-01", "商机客户 仁济医院");
        var opportunity = await Open(customer, "监护仪 20 台");

        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.SalesRepSh001);
        await Expect(session.Page.Locator("[data-testid=nav-pipeline]")).ToBeVisibleAsync();
        var page = await new OpportunityPage(session).Open(opportunity);
        await Expect(page.CurrentStage).ToHaveAttributeAsync("data-stage", "lead");

        await page.MoveNext();
        await Expect(page.CurrentStage).ToHaveAttributeAsync("data-stage", "needs-confirmed");
        await Expect(page.Requirement("needs-confirmation-sheet")).ToHaveAttributeAsync("data-uploaded", "false");

        await page.MoveNext();
        await Expect(page.Refusal).ToHaveAttributeAsync("data-rule", "evidence-missing");
        await Expect(page.Refusal).ToContainTextAsync("needs-confirmation-sheet");
        await Expect(page.CurrentStage).ToHaveAttributeAsync("data-stage", "needs-confirmed");
        await session.Screenshots.Take("missing-document-blocks-the-move");

        await page.Upload("needs-confirmation-sheet", "需求确认单.pdf", Pdf);
        await Expect(page.Requirement("needs-confirmation-sheet")).ToHaveAttributeAsync("data-uploaded", "true");
        await session.Screenshots.Take("sheet-uploaded");
        await page.MoveNext();
        await Expect(page.CurrentStage).ToHaveAttributeAsync("data-stage", "proposal");

        await page.Upload("meeting-minutes", "会议纪要.pdf", Pdf);
        await Expect(page.Requirement("meeting-minutes")).ToHaveAttributeAsync("data-uploaded", "true");
        await page.MoveNext();
        await Expect(page.CurrentStage).ToHaveAttributeAsync("data-stage", "quote");
        await Expect(page.Moves).ToHaveCountAsync(4);
        await Expect(session.Page.Locator("[data-testid=evidence]")).ToHaveCountAsync(2);
        await session.Screenshots.Take("in-quote-with-history");

        var pipeline = await new PipelinePage(session).Open();
        await Expect(pipeline.CardIn("quote", opportunity)).ToHaveAttributeAsync("data-colour", "green");
        await session.Screenshots.Take("pipeline");
    }

    [Fact]
    public async Task A_move_made_elsewhere_shows_on_the_open_page_and_pipeline_without_reloading()
    {
        var customer = await SalesForceCustomers.Create(fixture, "rep-sh001-01", "商机客户 中山医院");
        var opportunity = await Open(customer, "呼吸机 6 台");

        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.SalesRepSh001);
        var page = await new OpportunityPage(session).Open(opportunity);
        await Expect(page.CurrentStage).ToHaveAttributeAsync("data-stage", "lead");

        // The team's manager moves it from their own desk (the API): the rep's open page hears of it through the cluster.
        using var manager = await fixture.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        using var moved = await manager.PostAsJsonAsync($"/api/opportunities/{opportunity}/moves", new { toStage = "needs-confirmed", note = "customer called back" }, TestContext.Current.CancellationToken);
        Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        await Expect(page.CurrentStage).ToHaveAttributeAsync("data-stage", "needs-confirmed");
        await Expect(page.Moves).ToHaveCountAsync(2);
        await session.Screenshots.Take("moved-elsewhere-shows-live");
    }

    [Fact]
    public async Task The_pipeline_shows_an_opportunity_idle_for_7_days_in_yellow()
    {
        var customer = await SalesForceCustomers.Create(fixture, "rep-sh001-01", "商机客户 华山医院");
        var idle = await Open(customer, "输液泵 50 台");
        await using (var connection = await fixture.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE opportunity SET last_activity_at = now() - interval '7 days 1 minute' WHERE opportunity_id = @idle",
                new { idle },
                cancellationToken: TestContext.Current.CancellationToken));
        }

        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.SalesRepSh001);
        var pipeline = await new PipelinePage(session).Open();

        await Expect(pipeline.CardIn("lead", idle)).ToHaveAttributeAsync("data-colour", "yellow");
        await session.Screenshots.Take("yellow-card");
    }

    /// <summary>
    /// A rep's pipeline of 500 open opportunities rendered in the browser: the time from navigation to the interactive page
    /// with every column's count is printed (target ≤ 1 s, docs/benchmarks.md), never asserted: a timing is measured, not tested.
    /// </summary>
    [Fact]
    public async Task A_pipeline_of_500_opportunities_renders_and_its_time_is_printed()
    {
        const string login = "pipeline.rep";
        const string repId = "rep-sh001-03";
        var customer = await SalesForceCustomers.Create(fixture, repId, "商机客户 瑞金医院");
        string[] stages = ["lead", "needs-confirmed", "proposal", "quote", "contract", "payment"];
        await using (var connection = await fixture.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO opportunity (opportunity_id, customer_id, owner_rep_id, department_id, product_line, title, amount, stage,
                                         stage_entered_at, last_activity_at, created_by, created_at, updated_at)
                SELECT 'opp-render-' || g, @customer, @repId, @team, 'medical-devices', 'Ward equipment lot ' || g, 10000 + g * 100,
                       (@stages)[1 + g % 6], now() - make_interval(days => g % 20), now() - make_interval(days => g % 20), @repId, now() - interval '30 days', now()
                FROM generate_series(1, 500) g
                """,
                new { customer, repId, team = SalesForceCustomers.Team, stages },
                cancellationToken: TestContext.Current.CancellationToken));
        }

        await fixture.CommandCenter.EnsureStaff(login, Domain.Access.ChainRoles.SalesRep,
            new System.Security.Claims.Claim(CommandCenter.Access.ScopeClaims.Store, "store-sh001"), new System.Security.Claims.Claim(CommandCenter.Access.ScopeClaims.Rep, repId));
        await using var session = await fixture.OpenSession();
        await session.SignIn(new DemoLogin(login, DemoLogins.Password, "sales-rep"));
        await new PipelinePage(session).Open();   // once to warm the page's code paths

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await new PipelinePage(session).Open();
        await Expect(session.Page.Locator("[data-testid=pipeline-count]")).ToContainTextAsync("500");
        // The six stages, then the won and the lost columns.
        await Expect(session.Page.Locator("[data-testid=pipeline-stage]")).ToHaveCountAsync(8);
        clock.Stop();

        TestContext.Current.TestOutputHelper?.WriteLine($"pipeline of 500 opportunities: interactive with every column in {clock.ElapsedMilliseconds} ms");
        Console.WriteLine($"pipeline of 500 opportunities: interactive with every column in {clock.ElapsedMilliseconds} ms");
        await session.Screenshots.Take("pipeline-500");
    }

    [Fact]
    public async Task A_rep_loses_an_opportunity_with_its_reason_and_the_pipeline_shows_it_apart()
    {
        var customer = await SalesForceCustomers.Create(fixture, "rep-sh001-01", "商机客户 长海医院");
        var opportunity = await Open(customer, "除颤仪 12 台");

        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.SalesRepSh001);
        var page = await new OpportunityPage(session).Open(opportunity);
        await Expect(page.CurrentStage).ToHaveAttributeAsync("data-stage", "lead");

        // Won from the first stage is refused by its rule; lost without a reason too.
        await session.Page.Locator("[data-testid=close-won]").ClickAsync();
        await Expect(page.Refusal).ToHaveAttributeAsync("data-rule", "not-winnable-stage");
        await session.Page.Locator("[data-testid=close-lost]").ClickAsync();
        await Expect(page.Refusal).ToHaveAttributeAsync("data-rule", "reason-required");

        await session.Page.Locator("input[data-testid=close-reason], [data-testid=close-reason] input").FillAsync("客户选择了竞品的报价");
        await session.Page.Locator("[data-testid=close-lost]").ClickAsync();
        await Expect(session.Page.Locator("[data-testid=opportunity-outcome]")).ToHaveAttributeAsync("data-outcome", "lost");
        await Expect(page.Moves.Last).ToHaveAttributeAsync("data-to", "lost");
        await Expect(session.Page.Locator("[data-testid=close-opportunity]")).ToHaveCountAsync(0);
        await session.Screenshots.Take("opportunity-lost-with-reason");

        var pipeline = await new PipelinePage(session).Open();
        await Expect(pipeline.CardIn("lost", opportunity)).ToHaveAttributeAsync("data-outcome", "lost");
        await session.Screenshots.Take("pipeline-with-lost-apart");
    }

    private async Task<string> Open(string customerId, string title)
    {
        using var rep = await fixture.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Rep);
        using var response = await rep.PostAsJsonAsync("/api/opportunities", new { customerId, title, amount = 180_000m, productLine = "medical-devices" }, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("opportunityId").GetString()!;
    }
}
