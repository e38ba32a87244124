using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using StoreSales.Abstractions.Customers;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using StoreSales.Testing;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// The golden 48 hours as the field supervisor lives them: the inbox is open, a store manager gives a lead to a rep,
/// nobody calls; when the lead's 48 hours have passed, its alert arrives in the supervisor's open inbox without a reload.
/// </summary>
public sealed class GoldenHoursTests(BrowserFixture fixture)
{
    private const string Rep = "rep-sh001-02";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_supervisor_sees_a_lead_past_its_golden_hours_arrive_in_the_open_inbox()
    {
        using var manager = await fixture.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        using var created = await manager.PostAsJsonAsync("/api/customers", new { kind = "member", name = "赵先生", phone = "+8613912340048", ownerRepId = Rep, departmentId = "store-sh001" }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var customerId = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("customerId").GetString()!;

        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.FieldSupervisorEast);
        await new InboxPage(session).Open();
        var alert = session.Page.Locator("[data-testid=alert]").Filter(new() { HasText = customerId });
        await Expect(alert).ToHaveCountAsync(0);

        using var lead = await manager.PostAsJsonAsync("/api/leads", new { customerId, repId = Rep }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, lead.StatusCode);
        // 48 hours and a minute later nobody has called; the lead's next check (its reminder, here told at once) finds it.
        await using (var connection = await fixture.Database.DataSource.OpenConnectionAsync(Cancellation))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE lead SET assigned_at = now() - interval '48 hours 1 minute' WHERE customer_id = @customerId AND first_contact_at IS NULL",
                new { customerId },
                cancellationToken: Cancellation));
        }

        await fixture.Silo.Grains().GetGrain<ICustomerGrain>(customerId).Changed(CustomerChange.LeadAssigned);

        // One alert for the rep and one for the region's supervisor (each works their own); the supervisor sees the region's.
        await Expect(alert).ToHaveCountAsync(2);
        await Expect(alert.Filter(new() { HasText = "First contact overdue" })).ToHaveCountAsync(2);
        await Expect(alert.Filter(new() { HasText = Rep })).ToHaveCountAsync(2);
        await session.Screenshots.Take("overdue-lead-arrives");
    }
}
