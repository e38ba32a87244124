using StoreSales.Testing;
using StoreSales.Abstractions.Interventions;
using StoreSales.Domain.Interventions;

namespace StoreSales.Grains.Tests;

[Collection(GrainClusterCollection.Name)]
public sealed class InterventionGrainTests(GrainClusterFixture fixture)
{
    private static readonly InterventionSubject Store = new("store", "store-sz001", "store-sz001", "region-south");

    private static InterventionEvidence Evidence(decimal actual) =>
        new($"today {actual} against 1000 expected", actual, 1000m, (actual - 1000m) / 1000m, DateTimeOffset.UtcNow);

    private IInterventionGrain Alert(string condition) =>
        fixture.Grains.GetGrain<IInterventionGrain>($"store-sz001/{condition}-{Guid.NewGuid():N}");

    [Fact]
    public async Task The_same_condition_never_opens_a_second_alert_while_one_is_open()
    {
        var grain = Alert("behind");

        var first = await grain.Raise(Store, Evidence(700), "high", "supervisor:region-south");
        var again = await grain.Raise(Store, Evidence(650), "high", "supervisor:region-south");

        Assert.Equal(first.AlertId, again.AlertId);
        Assert.Equal(700m, again.Evidence.Actual);
        Assert.Equal(1, await fixture.Database.Count("SELECT count(*) FROM intervention WHERE alert_id = @AlertId", new { first.AlertId }));
    }

    [Fact]
    public async Task A_supervisor_acknowledges_works_and_resolves_with_an_outcome_and_every_step_is_kept()
    {
        var grain = Alert("behind");
        var raised = await grain.Raise(Store, Evidence(700), "high", "supervisor:region-south");

        var acknowledged = await grain.Act(InterventionAction.Acknowledge, "li.supervisor", "on my way");
        var started = await grain.Act(InterventionAction.Start, "li.supervisor", "two cashiers off sick");
        var noOutcome = await grain.Act(InterventionAction.Resolve, "li.supervisor", " ");
        var resolved = await grain.Act(InterventionAction.Resolve, "li.supervisor", "borrowed two cashiers from Futian North; back on pace by 17:00");
        var next = await grain.Raise(Store, Evidence(600), "high", "supervisor:region-south");

        Assert.True(acknowledged.Accepted && started.Accepted && resolved.Accepted);
        Assert.False(noOutcome.Accepted);
        Assert.Contains("outcome", noOutcome.RefusedBecause, StringComparison.Ordinal);
        Assert.Equal(InterventionStatus.Resolved, resolved.Intervention!.Status);
        Assert.Equal(["li.supervisor", "li.supervisor", "li.supervisor"], resolved.Intervention.History.Skip(1).Select(s => s.By));
        Assert.NotEqual(raised.AlertId, next.AlertId);
        Assert.Equal(4, await fixture.Database.Count("SELECT count(*) FROM intervention_step WHERE alert_id = @AlertId", new { raised.AlertId }));
        Assert.Equal(1, await fixture.Database.Count("SELECT count(*) FROM intervention WHERE alert_id = @AlertId AND status = 'Resolved' AND outcome LIKE 'borrowed%'", new { raised.AlertId }));
    }

    [Fact]
    public async Task An_alert_nobody_acknowledges_escalates_when_its_sla_passes()
    {
        var grain = Alert("behind");
        await grain.Raise(Store, Evidence(700), "high", "supervisor:region-south");

        var current = await Eventually.Until(
            grain.GetCurrent,
            c => c!.Status == InterventionStatus.Escalated,
            GrainClusterFixture.SlaAcknowledgeWithin + TimeSpan.FromSeconds(15));

        Assert.NotNull(current);
        Assert.Equal(InterventionStatus.Escalated, current.Status);
        Assert.Equal(2, current.Level);
        Assert.Equal("sla", current.History[^1].By);
        // Along the chain: the region's field supervisor → its regional manager, named in the row notifiers read.
        Assert.Equal("regional-manager:region-south", current.Assignee);
        Assert.EndsWith("Escalated from supervisor:region-south to regional-manager:region-south.", current.History[^1].Note, StringComparison.Ordinal);
        Assert.Equal(1, await fixture.Database.Count("SELECT count(*) FROM intervention WHERE alert_id = @AlertId AND assignee = 'regional-manager:region-south'", new { current.AlertId }));
    }

    [Fact]
    public async Task An_escalated_alert_nobody_takes_up_goes_on_to_HQ_and_stays_there()
    {
        var grain = Alert("behind");
        await grain.Raise(Store, Evidence(700), "high", "supervisor:region-south");

        var atHq = await Eventually.Until(
            grain.GetCurrent,
            c => c!.Assignee == "hq",
            GrainClusterFixture.SlaAcknowledgeWithin * 2 + TimeSpan.FromSeconds(20));

        Assert.Equal((InterventionStatus.Escalated, 3), (atHq!.Status, atHq.Level));
        Assert.Equal(
            ["supervisor:region-south → regional-manager:region-south", "regional-manager:region-south → hq"],
            atHq.History.Where(h => h.To == InterventionStatus.Escalated).Select(h => h.Note![(h.Note!.IndexOf("from ", StringComparison.Ordinal) + 5)..^1].Replace(" to ", " → ", StringComparison.Ordinal)));
        // Whom it went past keep it in their inboxes, marked as escalated away (InboxScope.HoldingOf).
        Assert.Equal(["supervisor:region-south", "regional-manager:region-south"], atHq.AssignedBefore);
    }
}
