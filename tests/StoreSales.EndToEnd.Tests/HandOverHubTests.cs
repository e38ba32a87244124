using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.SignalR.Client;
using StoreSales.CommandCenter.Access;
using StoreSales.Domain.Access;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// The hub's hand-over groups (<c>JoinHandOvers</c>, <c>HandOverChanged</c>): a departure opening hand-overs, a
/// successor named and a hand-over completed are heard, through the cluster, by the region's supervisor and by the
/// successor named, and by no rep the hand-over does not name; a viewer without a worklist may not join.
/// </summary>
public sealed class HandOverHubTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    private const string Store = "store-sh001"; // region-east, dept-east-retail
    private static int _serial;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Opened_named_and_completed_reach_the_supervisor_and_the_successor_and_no_other_rep()
    {
        var departing = await NewRep();
        var successor = await NewRep();
        var bystander = await NewRep();
        await using var supervisor = await chain.CommandCenter.CreateSignedInHubConnection(DemoLogins.EastSupervisor);
        await using var successorHub = await chain.CommandCenter.CreateSignedInHubConnection(successor.Login);
        await using var bystanderHub = await chain.CommandCenter.CreateSignedInHubConnection(bystander.Login);
        var heardBySupervisor = HubInbox.Of(supervisor, "HandOverChanged");
        var heardBySuccessor = HubInbox.Of(successorHub, "HandOverChanged");
        var heardByBystander = HubInbox.Of(bystanderHub, "HandOverChanged");
        foreach (var hub in new[] { supervisor, successorHub, bystanderHub })
        {
            await hub.StartAsync(Cancellation);
            await hub.InvokeAsync("JoinHandOvers", Cancellation);
        }

        using var admin = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Admin);
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        await Customer(admin, departing.RepId);
        await Depart(manager, departing.RepId);
        var opened = await heardBySupervisor.Heard(m => Is(m, departing.RepId, "opened"));
        var handOverId = (await manager.GetFromJsonAsync<JsonElement>($"/api/handovers?repId={departing.RepId}", Cancellation))[0].GetProperty("handOverId").GetInt64();
        using var named = await manager.PutAsJsonAsync($"/api/handovers/{handOverId}", new { successors = new[] { successor.RepId }, stage = "Active", notesConfirmed = true }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        var toSuccessor = await heardBySuccessor.Heard(m => Is(m, departing.RepId, "updated"));
        await heardBySupervisor.Heard(m => Is(m, departing.RepId, "updated"));
        using var completed = await manager.PostAsync($"/api/handovers/{handOverId}/complete", null, Cancellation);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        await heardBySuccessor.Heard(m => Is(m, departing.RepId, "completed"));
        await heardBySupervisor.Heard(m => Is(m, departing.RepId, "completed"));

        Assert.Equal(Store, opened.GetProperty("storeId").GetString());
        Assert.Equal("region-east", opened.GetProperty("regionId").GetString());
        Assert.Equal([successor.RepId], toSuccessor.GetProperty("successors").EnumerateArray().Select(s => s.GetString()));

        // The bystander heard none of it: up to a hand-over naming them, only those naming them.
        var nextDeparting = await NewRep();
        await Customer(admin, nextDeparting.RepId);
        await Depart(manager, nextDeparting.RepId);
        var nextId = (await manager.GetFromJsonAsync<JsonElement>($"/api/handovers?repId={nextDeparting.RepId}", Cancellation))[0].GetProperty("handOverId").GetInt64();
        using var bystanderNamed = await manager.PutAsJsonAsync($"/api/handovers/{nextId}", new { successors = new[] { bystander.RepId } }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, bystanderNamed.StatusCode);
        await heardByBystander.Heard(m => Is(m, nextDeparting.RepId, "updated"));
        Assert.All(heardByBystander.All, m => Assert.Contains(bystander.RepId, m.GetProperty("successors").EnumerateArray().Select(s => s.GetString())));
    }

    [Fact]
    public async Task A_supervisor_of_no_region_has_no_worklist_and_may_not_join()
    {
        await chain.CommandCenter.EnsureStaff("handoverhub.noregion", ChainRoles.FieldSupervisor);
        await using var hub = await chain.CommandCenter.CreateSignedInHubConnection("handoverhub.noregion");
        await hub.StartAsync(Cancellation);

        var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => hub.InvokeAsync("JoinHandOvers", Cancellation));

        Assert.Contains("worklist", refused.Message, StringComparison.Ordinal);
    }

    private static bool Is(JsonElement change, string departingRepId, string what) =>
        change.GetProperty("departingRepId").GetString() == departingRepId
        && string.Equals(change.GetProperty("what").ToString(), what, StringComparison.OrdinalIgnoreCase);

    /// <summary>A new rep of store-sh001 in master data, with a sign-in of their own.</summary>
    private async Task<(string Login, string RepId)> NewRep()
    {
        var n = Interlocked.Increment(ref _serial);
        var rep = ($"handoverhub.rep{n}", $"rep-handoverhub-{n:D3}");
        await using (var connection = await chain.Database.DataSource.OpenConnectionAsync(Cancellation))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO rep (rep_id, name, store_id, department_id, level) VALUES (@id, @name, @store, 'dept-east-retail', 'junior')",
                new { id = rep.Item2, name = $"交接推送 {n}", store = Store },
                cancellationToken: Cancellation));
        }

        await chain.CommandCenter.EnsureStaff(rep.Item1, ChainRoles.SalesRep, new Claim(ScopeClaims.Store, Store), new Claim(ScopeClaims.Rep, rep.Item2));
        return rep;
    }

    private static async Task Depart(HttpClient manager, string repId)
    {
        using var response = await manager.PostAsJsonAsync($"/api/reps/{repId}/departure", new { reason = "moving away" }, Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancellation));
    }

    private static async Task Customer(HttpClient admin, string ownerRepId)
    {
        var phone = $"+86132{(Environment.ProcessId % 100 * 1_000_000) + Interlocked.Increment(ref _serial):D8}";
        using var response = await admin.PostAsJsonAsync("/api/customers", new { kind = "member", name = $"交接推送客 {phone}", phone, ownerRepId, departmentId = Store }, Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancellation));
    }
}
