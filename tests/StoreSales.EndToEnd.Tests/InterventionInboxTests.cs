using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using StoreSales.Abstractions.Interventions;
using StoreSales.Domain.Interventions;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// An alert raised in the silo reaches the supervisor's live inbox (SignalR) and the inbox API; one escalated away from a
/// rep by its SLA stays in the rep's inbox, live and listed, for them to see and no longer to work.
/// </summary>
public sealed class InterventionInboxTests
{
    [Fact]
    public async Task A_raised_alert_arrives_live_and_is_listed_until_resolved()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.Create("inbox");
        var clusterId = "inbox-" + Guid.NewGuid().ToString("N")[..8];
        await using var silo = await SiloUnderTest.Start(database, clusterId);
        await using var commandCenter = await CommandCenterUnderTest.Start(database, clusterId);
        await using var hub = await commandCenter.CreateSignedInHubConnection(DemoLogins.Hq);
        var changes = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
        hub.On<JsonElement>("InterventionChanged", alert => changes.Writer.TryWrite(alert));
        await hub.StartAsync(cancellation);
        await hub.InvokeAsync("JoinInterventions", "region-east", cancellation);

        var grain = silo.Grains().GetGrain<IInterventionGrain>(InterventionConditions.GrainKey("store-sh002", InterventionConditions.DayBehind));
        var raised = await grain.Raise(
            new InterventionSubject("store", "store-sh002", "store-sh002", "region-east"),
            new InterventionEvidence("today 20,000 against 30,000 expected by now (-33%)", 20_000m, 30_000m, -0.33m, DateTimeOffset.UtcNow),
            "high",
            "supervisor:region-east");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        var pushed = await changes.Reader.ReadAsync(timeout.Token);
        using var http = await commandCenter.CreateSignedInClient(DemoLogins.Hq);
        var open = await http.GetFromJsonAsync<JsonElement>("/api/interventions?regionId=region-east", cancellation);

        Assert.Equal(raised.AlertId, pushed.GetProperty("alertId").GetString());
        Assert.Equal("Open", pushed.GetProperty("status").GetString());
        Assert.Contains(open.EnumerateArray(), a => a.GetProperty("alertId").GetString() == raised.AlertId);

        // The region's field supervisor works the alert through the API, signed in as themselves.
        using var supervisor = await commandCenter.CreateSignedInClient(DemoLogins.EastSupervisor);
        var resolveWithoutOutcome = await supervisor.PostAsJsonAsync("/api/interventions/actions", new { alertId = raised.AlertId, action = "Resolve" }, cancellation);
        var acknowledged = await supervisor.PostAsJsonAsync("/api/interventions/actions", new { alertId = raised.AlertId, action = "Acknowledge" }, cancellation);
        var resolved = await supervisor.PostAsJsonAsync("/api/interventions/actions", new { alertId = raised.AlertId, action = "Resolve", note = "store manager re-opened the second till" }, cancellation);
        Assert.Equal(HttpStatusCode.Conflict, resolveWithoutOutcome.StatusCode);
        Assert.Contains("outcome", await resolveWithoutOutcome.Content.ReadAsStringAsync(cancellation), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var history = (await resolved.Content.ReadFromJsonAsync<JsonElement>(cancellation)).GetProperty("history").EnumerateArray().ToList();
        Assert.All(history.Skip(1), step => Assert.Equal(DemoLogins.EastSupervisor, step.GetProperty("by").GetString()));
        string? status;
        do
        {
            status = (await changes.Reader.ReadAsync(timeout.Token)).GetProperty("status").GetString();
        }
        while (status != "Resolved");
        var stillOpen = await http.GetFromJsonAsync<JsonElement>("/api/interventions?regionId=region-east", cancellation);
        var all = await http.GetFromJsonAsync<JsonElement>("/api/interventions?regionId=region-east&openOnly=false", cancellation);

        Assert.DoesNotContain(stillOpen.EnumerateArray(), a => a.GetProperty("alertId").GetString() == raised.AlertId);
        Assert.Contains(all.EnumerateArray(), a => a.GetProperty("alertId").GetString() == raised.AlertId && a.GetProperty("outcome").GetString()!.StartsWith("store manager", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_store_manager_works_the_alerts_assigned_to_their_store_and_no_other_store_s()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.Create("inboxstore");
        var clusterId = "inboxstore-" + Guid.NewGuid().ToString("N")[..8];
        await using var silo = await SiloUnderTest.Start(database, clusterId);
        await using var commandCenter = await CommandCenterUnderTest.Start(database, clusterId);

        // A rep behind target is the store manager's to act on (and the region supervisor's, in an alert of their own).
        const string assignee = "store-manager:store-sh001";
        var raised = await silo.Grains().GetGrain<IInterventionGrain>(InterventionConditions.GrainKey("rep-sh001-01", InterventionConditions.RepBehindTarget, assignee)).Raise(
            new InterventionSubject("rep", "rep-sh001-01", "store-sh001", "region-east"),
            new InterventionEvidence("Wang Fang: today 5,210 against 6,854 expected by now (-24%)", 5_210m, 6_854m, -0.24m, DateTimeOffset.UtcNow),
            "high",
            assignee);
        var otherStore = await silo.Grains().GetGrain<IInterventionGrain>(InterventionConditions.GrainKey("store-sh002", InterventionConditions.DayBehind)).Raise(
            new InterventionSubject("store", "store-sh002", "store-sh002", "region-east"),
            new InterventionEvidence("today 20,000 against 30,000 expected by now (-33%)", 20_000m, 30_000m, -0.33m, DateTimeOffset.UtcNow),
            "high",
            "supervisor:region-east");

        using var manager = await commandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        var listed = await manager.GetFromJsonAsync<JsonElement>("/api/interventions", cancellation);
        using var acknowledged = await manager.PostAsJsonAsync("/api/interventions/actions", new { alertId = raised.AlertId, action = "Acknowledge" }, cancellation);
        using var notTheirs = await manager.PostAsJsonAsync("/api/interventions/actions", new { alertId = otherStore.AlertId, action = "Acknowledge" }, cancellation);
        using var rep = await commandCenter.CreateSignedInClient(DemoLogins.Sh001Rep);
        var byRep = await rep.GetFromJsonAsync<JsonElement>("/api/interventions", cancellation);

        Assert.Equal([raised.AlertId], listed.EnumerateArray().Select(a => a.GetProperty("alertId").GetString()));
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode); // another store's alert is not in their inbox: unknown to them
        Assert.Empty(byRep.EnumerateArray());
    }

    [Fact]
    public async Task An_alert_escalated_away_from_a_rep_stays_in_their_inbox_read_only_while_the_supervisor_works_it()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.Create("inboxescalated");
        var clusterId = "inboxesc-" + Guid.NewGuid().ToString("N")[..8];
        // An SLA of seconds, checked every second, so that the real reminder escalates it within the test.
        await using var silo = await SiloUnderTest.Start(database, clusterId, new Dictionary<string, string?>
        {
            ["Orleans:MinimumReminderPeriod"] = "00:00:01",
            ["Interventions:SlaCheckPeriod"] = "00:00:01",
            ["Interventions:Sla:AcknowledgeWithin"] = "00:00:03",
            ["Interventions:Sla:WarnBefore"] = "00:00:01",
        });
        await using var commandCenter = await CommandCenterUnderTest.Start(database, clusterId);
        await using var repHub = await commandCenter.CreateSignedInHubConnection(DemoLogins.Sh001Rep);
        var changes = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
        repHub.On<JsonElement>("InterventionChanged", alert => changes.Writer.TryWrite(alert));
        await repHub.StartAsync(cancellation);
        await repHub.InvokeAsync("JoinMyInterventions", cancellation);

        const string rep = "rep:rep-sh001-01";
        var raised = await silo.Grains().GetGrain<IInterventionGrain>(InterventionConditions.GrainKey("O-E2E-ESCALATED", InterventionConditions.OpportunityStalled, rep)).Raise(
            new InterventionSubject("opportunity", "O-E2E-ESCALATED", "store-sh001", "region-east"),
            new InterventionEvidence("Opportunity O-E2E-ESCALATED: 21 days in Proposal (limit 14)", null, null, null, DateTimeOffset.UtcNow),
            "medium",
            rep);

        // Live: the rep hears of it raised, then escalated to the region's field supervisor, nobody having acknowledged it.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        JsonElement pushed;
        do
        {
            pushed = await changes.Reader.ReadAsync(timeout.Token);
        }
        while (pushed.GetProperty("alertId").GetString() != raised.AlertId || pushed.GetProperty("status").GetString() != "Escalated");

        using var repClient = await commandCenter.CreateSignedInClient(DemoLogins.Sh001Rep);
        var listed = await repClient.GetFromJsonAsync<JsonElement>("/api/interventions", cancellation);
        using var repActs = await repClient.PostAsJsonAsync("/api/interventions/actions", new { alertId = raised.AlertId, action = "Acknowledge" }, cancellation);
        using var supervisor = await commandCenter.CreateSignedInClient(DemoLogins.EastSupervisor);
        using var supervisorActs = await supervisor.PostAsJsonAsync("/api/interventions/actions", new { alertId = raised.AlertId, action = "Acknowledge" }, cancellation);

        Assert.Equal("supervisor:region-east", pushed.GetProperty("assignee").GetString());
        Assert.Equal([rep], pushed.GetProperty("assignedBefore").EnumerateArray().Select(a => a.GetString()));
        var inInbox = Assert.Single(listed.EnumerateArray(), a => a.GetProperty("alertId").GetString() == raised.AlertId);
        Assert.Equal("supervisor:region-east", inInbox.GetProperty("assignee").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, repActs.StatusCode);
        var refusal = await repActs.Content.ReadFromJsonAsync<JsonElement>(cancellation);
        Assert.Equal("Escalated to supervisor:region-east: it is theirs to work now.", refusal.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, supervisorActs.StatusCode);

        // The rep keeps hearing of it as the supervisor works it.
        do
        {
            pushed = await changes.Reader.ReadAsync(timeout.Token);
        }
        while (pushed.GetProperty("alertId").GetString() != raised.AlertId || pushed.GetProperty("status").GetString() != "Acknowledged");
        Assert.Equal(DemoLogins.EastSupervisor, pushed.GetProperty("history").EnumerateArray().Last().GetProperty("by").GetString());
    }
}
