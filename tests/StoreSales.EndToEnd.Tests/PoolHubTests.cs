using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using StoreSales.CommandCenter.Access;
using StoreSales.Data.Pool;
using StoreSales.Domain.Access;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// The hub's pool groups (<c>JoinPool</c>, <c>PoolChanged</c>): a customer released to the pool, claimed by a rep or
/// given to a rep as a lead is heard, through the cluster, by the connections whose pool list shows its team, and by
/// nobody else; a viewer who sees no pool may not join.
/// </summary>
public sealed class PoolHubTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    private const string Team = "store-sh001";
    private const string OtherTeam = "store-sh002";
    private static int _serial;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_release_a_claim_and_a_lead_reach_the_teams_pool_group_and_not_another_teams()
    {
        await chain.CommandCenter.EnsureStaff("poolhub.claimer", ChainRoles.SalesRep, new Claim(ScopeClaims.Store, Team), new Claim(ScopeClaims.Rep, "rep-poolhub-01"));
        await chain.CommandCenter.EnsureStaff("poolhub.elsewhere", ChainRoles.SalesRep, new Claim(ScopeClaims.Store, OtherTeam), new Claim(ScopeClaims.Rep, "rep-poolhub-02"));
        await using var watcher = await chain.CommandCenter.CreateSignedInHubConnection(DemoLogins.Sh001Rep);
        await using var elsewhere = await chain.CommandCenter.CreateSignedInHubConnection("poolhub.elsewhere");
        var heard = HubInbox.Of(watcher, "PoolChanged");
        var heardElsewhere = HubInbox.Of(elsewhere, "PoolChanged");
        await watcher.StartAsync(Cancellation);
        await elsewhere.StartAsync(Cancellation);
        await watcher.InvokeAsync("JoinPool", Cancellation);
        await elsewhere.InvokeAsync("JoinPool", Cancellation);
        using var admin = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Admin);
        var claimed = await Create(admin, "rep-sh001-02", Team);
        var given = await Create(admin, "rep-sh001-02", Team);

        await ToPool(claimed, given);
        var entered = await heard.Heard(m => Is(m, claimed, "entered"));
        await heard.Heard(m => Is(m, given, "entered"));
        using var claimer = await chain.CommandCenter.CreateSignedInClient("poolhub.claimer");
        using var claim = await claimer.PostAsync($"/api/pool/{claimed}/claim", null, Cancellation);
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        await heard.Heard(m => Is(m, claimed, "left"));
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        using var lead = await manager.PostAsJsonAsync("/api/leads", new { customerId = given, repId = "rep-sh001-01" }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, lead.StatusCode);
        await heard.Heard(m => Is(m, given, "left"));

        // Small: who may hear it and which way it moved, nothing of the customer but its id.
        Assert.Equal(["customerId", "departmentId", "releasedFromStoreId", "what"], entered.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(Team, entered.GetProperty("departmentId").GetString());
        Assert.Equal(Team, entered.GetProperty("releasedFromStoreId").GetString());

        // The other team's rep heard none of it: up to a change of their own team, only their team's.
        var theirs = await Create(admin, "rep-sh002-01", OtherTeam);
        await ToPool(theirs);
        await heardElsewhere.Heard(m => Is(m, theirs, "entered"));
        Assert.All(heardElsewhere.All, m => Assert.Equal(OtherTeam, m.GetProperty("departmentId").GetString()));
    }

    [Fact]
    public async Task A_viewer_who_sees_no_pool_may_not_join()
    {
        await using var hub = await chain.CommandCenter.CreateSignedInHubConnection(DemoLogins.EastManager);
        await hub.StartAsync(Cancellation);

        var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => hub.InvokeAsync("JoinPool", Cancellation));

        Assert.Contains("public pool", refused.Message, StringComparison.Ordinal);
    }

    private static bool Is(JsonElement change, string customerId, string what) =>
        change.GetProperty("customerId").GetString() == customerId
        && string.Equals(change.GetProperty("what").ToString(), what, StringComparison.OrdinalIgnoreCase);

    /// <summary>Makes the customers 60 days inactive and runs the release, as the schedule would.</summary>
    private async Task ToPool(params string[] customerIds)
    {
        await using (var connection = await chain.Database.DataSource.OpenConnectionAsync(Cancellation))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE customer SET created_at = now() - interval '60 days' WHERE customer_id = ANY(@customerIds)", new { customerIds }, cancellationToken: Cancellation));
        }

        var released = await chain.CommandCenter.Services.GetRequiredService<PoolRelease>().Run(DateTimeOffset.UtcNow, Cancellation);
        Assert.All(customerIds, id => Assert.Contains(id, released));
    }

    private static async Task<string> Create(HttpClient admin, string ownerRepId, string departmentId)
    {
        var phone = $"+86133{(Environment.ProcessId % 100 * 1_000_000) + Interlocked.Increment(ref _serial):D8}";
        using var response = await admin.PostAsJsonAsync("/api/customers", new { kind = "member", name = $"公海推送 {_serial}", phone, ownerRepId, departmentId }, Cancellation);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("customerId").GetString()!;
    }
}
