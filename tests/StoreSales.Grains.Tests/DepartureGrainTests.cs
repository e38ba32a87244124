using Dapper;
using StoreSales.Abstractions.Interventions;
using StoreSales.Abstractions.Reps;
using StoreSales.Data.HandOvers;
using StoreSales.Domain.SalesForce.Reps;
using StoreSales.Testing;

namespace StoreSales.Grains.Tests;

/// <summary>
/// The departure grain's reminder checks the hand-overs on the injected clock: nothing at 71:59, exactly one
/// <c>hand-over-overdue</c> for the region's supervisor at 72:00 however many ticks follow, nothing for a departure
/// handed over in time (and then the reminder stops). The clock is a FakeTimeProvider; the test waits (through
/// <see cref="Eventually"/>) for a check made at the moved time, never for a fixed delay.
/// </summary>
public sealed class DepartureGrainTests(DepartureClusterFixture fixture) : IClassFixture<DepartureClusterFixture>
{
    private static readonly TimeSpan Window = DepartureClusterFixture.HandOver.DueWithin;

    [Fact]
    public async Task An_open_hand_over_raises_one_alert_for_the_supervisor_at_72_hours_and_none_before()
    {
        const string RepId = "rep-departure-late";
        var customers = await fixture.AddRepWithCustomers(RepId, 2);
        var started = Assert.IsType<DepartureStarted>(await fixture.Departures.Start(RepId, "leaving", null, "test.manager", TestContext.Current.CancellationToken));
        var grain = fixture.Grains.GetGrain<IDepartureGrain>(RepId);
        await grain.Watch();

        fixture.Clock.Advance(Window - TimeSpan.FromMinutes(1));
        var at7159 = await CheckedAt(grain, started.StartedAt + Window - TimeSpan.FromMinutes(1));
        var alertsAt7159 = await Alerts(RepId);

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var at72 = await CheckedAt(grain, started.StartedAt + Window);
        var alertsAt72 = await Alerts(RepId);

        fixture.Clock.Advance(TimeSpan.FromHours(5));
        var later = await Eventually.Until(grain.GetLastCheck, c => c.Checks >= at72.Checks + 3, TimeSpan.FromSeconds(30));
        var alertsLater = await Alerts(RepId);

        Assert.Equal((2, 0, false), (at7159.Open, at7159.Overdue, at7159.AlertRaised));
        Assert.Empty(alertsAt7159);
        Assert.Equal((2, 2, true), (at72.Open, at72.Overdue, at72.AlertRaised));
        var alert = Assert.Single(alertsAt72);
        Assert.Equal(("supervisor:region-east", "high", "rep", "store-sh001"), (alert.Assignee, alert.Severity, alert.SubjectKind, alert.StoreId));
        var evidence = (await fixture.Grains.GetGrain<IInterventionGrain>(InterventionConditions.GrainKey(RepId, "hand-over-overdue", "supervisor:region-east")).GetCurrent())!.Evidence;
        Assert.Contains("2 of 2 customers not handed over", evidence.Summary, StringComparison.Ordinal);
        Assert.All(customers, c => Assert.Contains(c, evidence.Summary, StringComparison.Ordinal));
        Assert.True(later.Watching);
        Assert.Equal(alertsAt72, alertsLater);
    }

    [Fact]
    public async Task A_departure_handed_over_in_time_raises_nothing_and_stops_its_reminder()
    {
        const string RepId = "rep-departure-on-time";
        var customers = await fixture.AddRepWithCustomers(RepId, 1);
        var started = Assert.IsType<DepartureStarted>(await fixture.Departures.Start(RepId, "leaving", null, "test.manager", TestContext.Current.CancellationToken));
        var grain = fixture.Grains.GetGrain<IDepartureGrain>(RepId);
        await grain.Watch();
        await fixture.AddRepWithCustomers("rep-departure-successor", 0);

        fixture.Clock.Advance(Window - TimeSpan.FromMinutes(1));
        var handOver = (await fixture.Book.List(new HandOverFilter(new(true, new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), null), RepId), TestContext.Current.CancellationToken)).Single();
        Assert.Equal(customers[0], handOver.CustomerId);
        Assert.IsType<HandOverChanged>(await fixture.Book.Update(handOver.HandOverId, ["rep-departure-successor"], CustomerStage.Active, true, TestContext.Current.CancellationToken));
        var completed = Assert.IsType<HandOverChanged>(await fixture.Book.Complete(handOver.HandOverId, "test.manager", TestContext.Current.CancellationToken));
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        var stopped = await Eventually.Until(grain.GetLastCheck, c => !c.Watching && c.CheckedAt >= started.StartedAt + Window, TimeSpan.FromSeconds(30));

        Assert.True(completed.RepGone);
        Assert.Equal((0, 0, false), (stopped.Open, stopped.Overdue, stopped.AlertRaised));
        Assert.Empty(await Alerts(RepId));
    }

    /// <summary>The grain's first check made at or after <paramref name="moment"/> of the fake clock.</summary>
    private static Task<DepartureCheck> CheckedAt(IDepartureGrain grain, DateTimeOffset moment) =>
        Eventually.Until(grain.GetLastCheck, c => c.CheckedAt >= moment, TimeSpan.FromSeconds(30));

    private async Task<List<AlertRow>> Alerts(string repId)
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return [.. await connection.QueryAsync<AlertRow>(
            """
            SELECT alert_id AS AlertId, subject_kind AS SubjectKind, store_id AS StoreId, severity AS Severity, assignee AS Assignee
            FROM intervention WHERE condition = 'hand-over-overdue' AND subject_id = @repId ORDER BY alert_id
            """,
            new { repId })];
    }

    private sealed record AlertRow(string AlertId, string SubjectKind, string StoreId, string Severity, string Assignee);
}
