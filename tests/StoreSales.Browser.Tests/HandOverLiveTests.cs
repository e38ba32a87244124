using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Dapper;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using StoreSales.CommandCenter.Access;
using StoreSales.Domain.Access;
using StoreSales.Testing;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// The hand-over worklist is live: the region's field supervisor and a rep have <c>/handovers</c> open; a departure
/// started by the store manager shows on the supervisor's list, and naming the rep as successor shows it on theirs,
/// neither reloading.
/// </summary>
public sealed class HandOverLiveTests(BrowserFixture fixture)
{
    private const string Leaving = "rep-browser-live-leaving";
    private const string Successor = "rep-browser-live-successor";
    private const string SuccessorLogin = "handover.live.successor";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_departure_reaches_the_supervisors_worklist_and_the_successor_sees_it_when_named()
    {
        await using (var connection = await fixture.Database.DataSource.OpenConnectionAsync(Cancellation))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO rep (rep_id, name, store_id, department_id, level) VALUES
                    (@Leaving, 'Sun Leaving', 'store-sh001', 'dept-east-retail', 'senior'),
                    (@Successor, 'Qian Successor', 'store-sh001', 'dept-east-retail', 'junior')
                """,
                new { Leaving, Successor },
                cancellationToken: Cancellation));
        }

        await fixture.CommandCenter.EnsureStaff(SuccessorLogin, ChainRoles.SalesRep, new Claim(ScopeClaims.Store, "store-sh001"), new Claim(ScopeClaims.Rep, Successor));
        var customerId = await SalesForceCustomers.Create(fixture, Leaving, "交接客户 何先生");

        await using var supervisor = await fixture.OpenSession();
        await supervisor.SignIn(DemoStaff.FieldSupervisorEast);
        var supervisorList = await new HandOverPages(supervisor).OpenWorklist();
        await using var successor = await fixture.OpenSession();
        await successor.SignIn(new DemoLogin(SuccessorLogin, DemoLogins.Password, ChainRoles.SalesRep));
        var successorList = await new HandOverPages(successor).OpenWorklist();
        await Expect(successor.Page.Locator("[data-testid=handovers-to-me-empty]")).ToBeVisibleAsync();

        using var manager = await fixture.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        using var started = await manager.PostAsJsonAsync($"/api/reps/{Leaving}/departure", new { reason = "moving to Wuhan" }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var handOver = (await manager.GetFromJsonAsync<JsonElement>($"/api/handovers?repId={Leaving}", Cancellation)).EnumerateArray().Single();
        var handOverId = handOver.GetProperty("handOverId").GetInt64();
        Assert.Equal(customerId, handOver.GetProperty("customerId").GetString());

        // Neither page reloads: the supervisor's list shows the new hand-over, due in three days.
        await Expect(supervisorList.Row("handovers-team", handOverId)).ToHaveAttributeAsync("data-status", "Open");
        await supervisor.Screenshots.Take("supervisor-sees-departure");

        using var named = await manager.PutAsJsonAsync($"/api/handovers/{handOverId}", new { successors = new[] { Successor } }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        await Expect(successorList.Row("handovers-to-me", handOverId)).ToHaveAttributeAsync("data-status", "Open");
        await successor.Screenshots.Take("successor-sees-it-named");
    }
}
