using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using StoreSales.Abstractions.Interventions;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// The inbox by assignee (docs/domain.md "Who is told"): finance works the instalment alerts assigned to <c>finance</c>,
/// which name no region; a rep works their own <c>rep:</c> alerts and another rep's are unknown to them (404, absent);
/// a store manager sees their store's rep alerts but the rep works them. Real silo, command center and PostgreSQL.
/// </summary>
public sealed class InboxByAssigneeTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Finance_hears_lists_and_acknowledges_an_instalment_alert_that_names_no_region()
    {
        await using var hub = await chain.CommandCenter.CreateSignedInHubConnection(DemoLogins.Finance);
        var changes = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
        hub.On<JsonElement>("InterventionChanged", alert => changes.Writer.TryWrite(alert));
        await hub.StartAsync(Cancellation);
        await hub.InvokeAsync("JoinMyInterventions", Cancellation);

        var raised = await Raise("instalment", "C-2026-001-1", storeId: null, regionId: null, "instalment-overdue", "finance");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        var pushed = await changes.Reader.ReadAsync(timeout.Token);
        using var finance = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Finance);
        var listed = await finance.GetFromJsonAsync<JsonElement>("/api/interventions", Cancellation);
        using var acknowledged = await finance.PostAsJsonAsync("/api/interventions/actions", new { alertId = raised.AlertId, action = "Acknowledge" }, Cancellation);
        using var supervisor = await chain.CommandCenter.CreateSignedInClient(DemoLogins.EastSupervisor);
        var bySupervisor = await supervisor.GetFromJsonAsync<JsonElement>("/api/interventions", Cancellation);

        Assert.Equal(raised.AlertId, pushed.GetProperty("alertId").GetString());
        Assert.Contains(Ids(listed), id => id == raised.AlertId);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal("Acknowledged", (await acknowledged.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("status").GetString());
        Assert.DoesNotContain(Ids(bySupervisor), id => id == raised.AlertId); // finance's, not the region's
    }

    [Fact]
    public async Task A_rep_works_their_own_alert_and_another_reps_is_unknown_to_them()
    {
        var mine = await Raise("customer", "c-rep-own", "store-sh001", "region-east", "lead-first-contact-overdue", "rep:rep-sh001-01");
        var colleagues = await Raise("customer", "c-rep-other", "store-sh001", "region-east", "lead-first-contact-overdue", "rep:rep-sh001-02");

        using var rep = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Rep);
        var listed = Ids(await rep.GetFromJsonAsync<JsonElement>("/api/interventions", Cancellation));
        using var acknowledged = await rep.PostAsJsonAsync("/api/interventions/actions", new { alertId = mine.AlertId, action = "Acknowledge" }, Cancellation);
        using var notTheirs = await rep.PostAsJsonAsync("/api/interventions/actions", new { alertId = colleagues.AlertId, action = "Acknowledge" }, Cancellation);
        using var unknown = await rep.PostAsJsonAsync("/api/interventions/actions", new { alertId = "c-nobody/lead-first-contact-overdue#1", action = "Acknowledge" }, Cancellation);

        Assert.Contains(mine.AlertId, listed);
        Assert.DoesNotContain(colleagues.AlertId, listed);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode); // as an unknown alert: its existence is not the rep's to learn
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var problem = await notTheirs.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal((await unknown.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("title").GetString(), problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_store_manager_sees_their_reps_alerts_which_the_rep_works()
    {
        var repAlert = await Raise("customer", "c-manager-sees", "store-sh001", "region-east", "customer-follow-up-due", "rep:rep-sh001-02");

        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        var listed = Ids(await manager.GetFromJsonAsync<JsonElement>("/api/interventions", Cancellation));
        using var refused = await manager.PostAsJsonAsync("/api/interventions/actions", new { alertId = repAlert.AlertId, action = "Acknowledge" }, Cancellation);

        Assert.Contains(repAlert.AlertId, listed);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("whoever answers for its assignee", await refused.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_who_answers_for_no_assignee_cannot_join_the_assignee_feed()
    {
        await using var hub = await chain.CommandCenter.CreateSignedInHubConnection(DemoLogins.Admin);
        await hub.StartAsync(Cancellation);

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("JoinMyInterventions", Cancellation));

        Assert.Contains("answers for no alert assignee", refused.Message, StringComparison.Ordinal);
    }

    private Task<Intervention> Raise(string kind, string subjectId, string? storeId, string? regionId, string condition, string assignee) =>
        chain.Silo.Grains().GetGrain<IInterventionGrain>(InterventionConditions.GrainKey(subjectId, condition, assignee)).Raise(
            new InterventionSubject(kind, subjectId, storeId, regionId),
            new InterventionEvidence($"{condition} for {subjectId}", null, null, null, DateTimeOffset.UtcNow),
            "medium",
            assignee);

    private static List<string?> Ids(JsonElement list) => [.. list.EnumerateArray().Select(a => a.GetProperty("alertId").GetString())];
}
