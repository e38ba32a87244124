using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using StoreSales.CommandCenter.Access;
using StoreSales.Domain.Access;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// The hub's rep group (<c>JoinRep</c>, <c>RepBoardChanged</c>): whoever may see a rep's progress hears, through the
/// cluster, that a lead was assigned to the rep or an interaction recorded, in a message of the rep id and what
/// changed; a colleague may not join.
/// </summary>
public sealed class RepBoardHubTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    private const string Rep = "rep-sh001-01"; // sh001.rep
    private static int _serial;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_lead_assigned_and_a_first_contact_recorded_reach_the_reps_group_as_rep_id_and_what_changed()
    {
        await using var hub = await chain.CommandCenter.CreateSignedInHubConnection(DemoLogins.Sh001Rep);
        var changes = Channel.CreateUnbounded<JsonElement>();
        hub.On<JsonElement>("RepBoardChanged", change => changes.Writer.TryWrite(change));
        await hub.StartAsync(Cancellation);
        await hub.InvokeAsync("JoinRep", Rep, Cancellation);
        using var admin = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Admin);
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        using var rep = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Rep);
        var customer = await Create(admin);

        using var lead = await manager.PostAsJsonAsync("/api/leads", new { customerId = customer, repId = Rep }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, lead.StatusCode);
        var assigned = await Next(changes, "LeadAssigned");
        using var call = await rep.PostAsJsonAsync($"/api/customers/{customer}/interactions", new { kind = "call", outcome = "reached" }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, call.StatusCode);
        var recorded = await Next(changes, "InteractionRecorded");

        // Small: the rep and what changed, nothing of the customer.
        Assert.Equal(["repId", "what"], assigned.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(Rep, assigned.GetProperty("repId").GetString());
        Assert.Equal(Rep, recorded.GetProperty("repId").GetString());
    }

    [Fact]
    public async Task The_reps_manager_and_the_regions_supervisor_may_join_a_colleague_may_not()
    {
        await chain.CommandCenter.EnsureStaff("hub.colleague", ChainRoles.SalesRep,
            new Claim(ScopeClaims.Store, "store-sh001"), new Claim(ScopeClaims.Rep, "rep-sh001-02"));

        foreach (var allowed in new[] { DemoLogins.Sh001Manager, DemoLogins.EastSupervisor, DemoLogins.Hq })
        {
            await using var hub = await chain.CommandCenter.CreateSignedInHubConnection(allowed);
            await hub.StartAsync(Cancellation);
            await hub.InvokeAsync("JoinRep", Rep, Cancellation);
        }

        await using var colleague = await chain.CommandCenter.CreateSignedInHubConnection("hub.colleague");
        await colleague.StartAsync(Cancellation);
        var refused = await Assert.ThrowsAsync<HubException>(() => colleague.InvokeAsync("JoinRep", Rep, Cancellation));
        Assert.Contains(Rep, refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => colleague.InvokeAsync("JoinRep", "rep-nobody", Cancellation));
    }

    /// <summary>The next change of the given kind (the rep's figures may be announced in between).</summary>
    private static async Task<JsonElement> Next(Channel<JsonElement> changes, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        while (true)
        {
            var change = await changes.Reader.ReadAsync(timeout.Token);
            if (change.GetProperty("what").GetString() == what)
            {
                return change;
            }
        }
    }

    private static async Task<string> Create(HttpClient admin)
    {
        var phone = $"+86134{(Environment.ProcessId % 100 * 1_000_000) + Interlocked.Increment(ref _serial):D8}";
        using var response = await admin.PostAsJsonAsync("/api/customers", new { kind = "member", name = $"看板推送 {_serial}", phone, ownerRepId = Rep, departmentId = "store-sh001" }, Cancellation);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("customerId").GetString()!;
    }
}
