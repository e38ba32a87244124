using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Dapper;
using StoreSales.Abstractions.Reps;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using StoreSales.CommandCenter.Access;
using StoreSales.Domain.Access;
using StoreSales.Testing;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// Offboarding in the browser: a store manager starts a rep's departure (API), finds the hand-over in the worklist with
/// its countdown, names the successor on the pack page and completes it; the successor then finds it handed to them and
/// reads the pack: the last notes, the open next action, the member's till purchases, the phone in full (theirs now).
/// </summary>
public sealed class HandOverTests(BrowserFixture fixture)
{
    private const string Leaving = "rep-browser-leaving";
    private const string Successor = "rep-browser-successor";
    private const string SuccessorLogin = "handover.successor";
    private const string Phone = "+8613912345678";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_manager_hands_a_leaving_reps_customer_to_a_successor_who_then_sees_the_pack()
    {
        await Sql(
            """
            INSERT INTO rep (rep_id, name, store_id, department_id, level) VALUES
                (@Leaving, 'Chen Leaving', 'store-sh001', 'dept-east-retail', 'senior'),
                (@Successor, 'Zhou Successor', 'store-sh001', 'dept-east-retail', 'junior')
            """);
        await fixture.CommandCenter.EnsureStaff(SuccessorLogin, ChainRoles.SalesRep, new Claim(ScopeClaims.Store, "store-sh001"), new Claim(ScopeClaims.Rep, Successor));
        using var manager = await fixture.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        using var created = await manager.PostAsJsonAsync("/api/customers", new { kind = "member", name = "刘女士", phone = Phone, memberCode = "M-HANDOVER-1", ownerRepId = Leaving, departmentId = "store-sh001" }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var customerId = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("customerId").GetString()!;
        await Sql(
            """
            INSERT INTO interaction (customer_id, rep_id, kind, at, note) VALUES (@customerId, @Leaving, 'visit', now() - interval '3 days', 'Prefers oolong, visits on Saturdays');
            INSERT INTO interaction (customer_id, rep_id, kind, at, note, next_action, next_action_due) VALUES (@customerId, @Leaving, 'call', now() - interval '1 day', 'Asked for the autumn tea catalogue', 'Bring the autumn catalogue', current_date + 3);
            """,
            new { customerId, Leaving });
        var sale = SaleFactory.Sale("T01", 9001, DateTimeOffset.UtcNow.AddHours(-2), ("6920433218190", 2, 68m)) with { MemberId = "M-HANDOVER-1" };
        await fixture.Silo.PostSales("store-sh001", "demo-key-store-sh001", [sale], Cancellation);

        using var started = await manager.PostAsJsonAsync($"/api/reps/{Leaving}/departure", new { reason = "moving to Chengdu" }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var handOverId = (await manager.GetFromJsonAsync<JsonElement>($"/api/handovers?repId={Leaving}", Cancellation)).EnumerateArray().Single().GetProperty("handOverId").GetInt64();

        await using var managerSession = await fixture.OpenSession();
        await managerSession.SignIn(DemoStaff.StoreManagerSh001);
        var pages = await new HandOverPages(managerSession).OpenWorklist();
        var row = pages.Row("handovers-team", handOverId);
        await Expect(row).ToHaveAttributeAsync("data-status", "Open");
        await Expect(managerSession.Page.Locator($"[data-testid=handovers-team] tr:has([data-handover='{handOverId}']) [data-testid=due]")).ToContainTextAsync("Due in 2 d 23 h");
        await managerSession.Screenshots.Take("worklist-of-the-team");
        await pages.OpenPack("handovers-team", handOverId);
        await Expect(pages.Pack("pack-phone")).ToHaveTextAsync("+86 139****5678");
        await pages.HandOverTo(Successor);
        await Expect(pages.Pack("handover-done")).ToBeVisibleAsync();
        await Expect(pages.Pack("pack-owner")).ToHaveTextAsync(Successor);
        await managerSession.Screenshots.Take("handed-over");

        await using var successorSession = await fixture.OpenSession();
        await successorSession.SignIn(new DemoLogin(SuccessorLogin, DemoLogins.Password, ChainRoles.SalesRep));
        var successorPages = await new HandOverPages(successorSession).OpenWorklist();
        await successorPages.ShowAll();
        await Expect(successorPages.Row("handovers-to-me", handOverId)).ToHaveAttributeAsync("data-status", "HandedOver");
        await successorPages.OpenPack("handovers-to-me", handOverId);
        await Expect(successorPages.Pack("pack-note")).ToHaveCountAsync(2);
        await Expect(successorPages.Pack("pack-notes")).ToContainTextAsync("Prefers oolong");
        await Expect(successorPages.Pack("pack-next-action")).ToContainTextAsync("Bring the autumn catalogue");
        await Expect(successorPages.Pack("pack-order")).ToHaveCountAsync(1);
        await Expect(successorPages.Pack("pack-phone")).ToHaveTextAsync(Phone);
        await Expect(successorPages.Pack("handover-form")).ToHaveCountAsync(0);
        await successorSession.Screenshots.Take("successors-pack");
    }

    [Fact]
    public async Task The_supervisor_sees_an_overdue_hand_over_in_red_and_its_alert_in_the_inbox()
    {
        const string Late = "rep-browser-late";
        await Sql("INSERT INTO rep (rep_id, name, store_id, department_id, level) VALUES (@Late, 'Sun Late', 'store-sh001', 'dept-east-retail', 'junior')", new { Late });
        using var manager = await fixture.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        using var created = await manager.PostAsJsonAsync("/api/customers", new { kind = "member", name = "王先生", phone = "+8613912345679", ownerRepId = Late, departmentId = "store-sh001" }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var started = await manager.PostAsJsonAsync($"/api/reps/{Late}/departure", new { reason = "left without notice" }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        // Three days and an hour later, nobody has handed the customer over; the departure's next check finds it overdue.
        await Sql("UPDATE rep_departure SET started_at = now() - interval '73 hours', due_at = now() - interval '1 hour' WHERE rep_id = @Late; UPDATE customer_handover SET due_at = now() - interval '1 hour' WHERE departing_rep_id = @Late", new { Late });
        await fixture.Silo.Grains().GetGrain<IDepartureGrain>(Late).Watch();
        var handOverId = (await manager.GetFromJsonAsync<JsonElement>($"/api/handovers?repId={Late}", Cancellation)).EnumerateArray().Single().GetProperty("handOverId").GetInt64();

        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.FieldSupervisorEast);
        var pages = await new HandOverPages(session).OpenWorklist();
        await Expect(pages.Row("handovers-team", handOverId)).ToHaveAttributeAsync("data-status", "Overdue");
        var due = session.Page.Locator($"[data-testid=handovers-team] tr:has([data-handover='{handOverId}']) [data-testid=due]");
        await Expect(due).ToContainTextAsync("Overdue by 1 h");
        // In red: the theme's error colour, whatever its exact shade.
        var colour = await due.EvaluateAsync<int[]>("e => getComputedStyle(e).color.match(/\\d+/g).slice(0, 3).map(Number)");
        Assert.True(colour[0] > 150 && colour[1] < 100 && colour[2] < 100, $"overdue shown in rgb({string.Join(", ", colour)})");
        await session.Screenshots.Take("overdue-in-the-worklist");

        await new InboxPage(session).Open();
        var alert = session.Page.Locator("[data-testid=alert][data-store='store-sh001']").Filter(new() { HasText = Late });
        await Expect(alert).ToHaveCountAsync(1);
        await Expect(alert).ToContainTextAsync("Hand-over overdue");
        await Expect(alert.Locator("[data-testid=severity]")).ToHaveTextAsync("Severity: High");
        await session.Screenshots.Take("overdue-in-the-inbox");
    }

    private async Task Sql(string sql, object? parameters = null)
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters ?? new { Leaving, Successor }, cancellationToken: Cancellation));
    }
}
