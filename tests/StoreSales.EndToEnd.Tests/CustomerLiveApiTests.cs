using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using StoreSales.CommandCenter.Access;
using StoreSales.Domain.Access;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// The endpoints tell the customer's grain after their commit, and the grain's live facts come back through the API:
/// the real command center, silo and PostgreSQL.
/// </summary>
public sealed class CustomerLiveApiTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    private const string RepId = "rep-sh001-01";
    private const string OtherRep = "sh001.rep3";
    private const string Team = "store-sh001";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_lead_assigned_shows_its_first_contact_due_time_live_and_the_reps_call_ends_it()
    {
        await chain.CommandCenter.EnsureStaff(OtherRep, ChainRoles.SalesRep, new Claim(ScopeClaims.Store, Team), new Claim(ScopeClaims.Rep, "rep-sh001-03"));
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        using var rep = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Rep);
        using var otherRep = await chain.CommandCenter.CreateSignedInClient(OtherRep);
        using var created = await manager.PostAsJsonAsync("/api/customers", new { kind = "member", name = "何琳", phone = "+8613700000401", ownerRepId = RepId, departmentId = Team }, Cancellation);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("customerId").GetString()!;

        using var assigned = await manager.PostAsJsonAsync("/api/leads", new { customerId = id, repId = RepId }, Cancellation);
        var lead = await assigned.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        var waiting = await rep.GetFromJsonAsync<JsonElement>($"/api/customers/{id}/live", Cancellation);
        using var hidden = await otherRep.GetAsync($"/api/customers/{id}/live", Cancellation);
        using var call = await rep.PostAsJsonAsync($"/api/customers/{id}/interactions", new { kind = "call", outcome = "Booked a fitting" }, Cancellation);
        var contacted = await manager.GetFromJsonAsync<JsonElement>($"/api/customers/{id}/live", Cancellation);

        Assert.Equal(HttpStatusCode.Created, assigned.StatusCode);
        Assert.Equal("Waiting", waiting.GetProperty("leadStatus").GetString());
        Assert.Equal(lead.GetProperty("firstContactDueAt").GetDateTimeOffset(), waiting.GetProperty("firstContactDueAt").GetDateTimeOffset());
        Assert.Equal("Active", waiting.GetProperty("dormancy").GetString());
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.Created, call.StatusCode);
        Assert.Equal(JsonValueKind.Null, contacted.GetProperty("openLeadId").ValueKind);
        Assert.Equal(JsonValueKind.Null, contacted.GetProperty("firstContactDueAt").ValueKind);
    }
}
