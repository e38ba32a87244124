using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StoreSales.Abstractions.Reps;
using StoreSales.Data.HandOvers;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// The departure grain's overdue watch is an Orleans reminder in PostgreSQL: registered on one silo, it still fires after
/// the silo is stopped and another starts, with nobody calling the grain, and raises the supervisor's alert once.
/// </summary>
public sealed class DepartureRestartTests
{
    private const string RepId = "rep-restart-departure";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_overdue_hand_over_is_alerted_by_the_reminder_after_a_silo_restart()
    {
        await using var database = await TestDatabase.Create("departure-restart");
        var clusterId = "departure-" + Guid.NewGuid().ToString("N")[..8];
        var settings = new Dictionary<string, string?>
        {
            ["Orleans:MinimumReminderPeriod"] = "00:00:01",
            ["SalesForce:HandOver:OverdueCheckEvery"] = "00:00:01",
        };
        await Sql(database,
            """
            INSERT INTO rep (rep_id, name, store_id, department_id, level) VALUES (@RepId, 'Leaving Rep', 'store-sh001', 'dept-east-retail', 'junior');
            INSERT INTO customer (customer_id, kind, display_name, normalized_name, owner_rep_id, department_id, service_from, created_at, updated_at)
            VALUES ('cust-restart-1', 'member', 'Restart', 'RESTART', @RepId, 'store-sh001', current_date, now(), now());
            """);

        DepartureCheck beforeRestart;
        await using (var silo = await SiloUnderTest.Start(database, clusterId, settings))
        {
            var started = await silo.Services.GetRequiredService<RepDepartures>().Start(RepId, "leaving", null, "test.manager", Cancellation);
            Assert.IsType<DepartureStarted>(started);
            await silo.Grains().GetGrain<IDepartureGrain>(RepId).Watch();
            beforeRestart = await silo.Grains().GetGrain<IDepartureGrain>(RepId).GetLastCheck();
        }

        var reminders = await database.Count("SELECT count(*) FROM orleansreminderstable WHERE grainid LIKE @grain AND remindername = 'hand-over-overdue'", new { grain = $"%{RepId}%" });
        // Three days pass while the cluster is down: the departure started 73 hours ago.
        await Sql(database, "UPDATE rep_departure SET started_at = now() - interval '73 hours', due_at = now() - interval '1 hour' WHERE rep_id = @RepId");
        var alertsBeforeRestart = await Alerts(database);

        await using var restarted = await SiloUnderTest.Start(database, clusterId, settings);
        await Eventually.Holds(async () => await Alerts(database) == 1, "hand-over-overdue raised by the reminder on the restarted silo", TimeSpan.FromSeconds(60), Cancellation);
        var grain = restarted.Grains().GetGrain<IDepartureGrain>(RepId);
        var firstCheck = await grain.GetLastCheck();
        var later = await Eventually.Until(grain.GetLastCheck, c => c.Checks >= firstCheck.Checks + 3, TimeSpan.FromSeconds(30));

        Assert.Equal((1, 0, false, true), (beforeRestart.Open, beforeRestart.Overdue, beforeRestart.AlertRaised, beforeRestart.Watching));
        Assert.Equal(1, reminders);
        Assert.Equal(0, alertsBeforeRestart);
        Assert.True(later.AlertRaised);
        Assert.Equal(1, later.Overdue);
        Assert.Equal(1, await Alerts(database));
        Assert.Equal(1, await database.Count("SELECT count(*) FROM intervention WHERE subject_id = @RepId AND assignee = 'supervisor:region-east'", new { RepId }));
    }

    private static Task<long> Alerts(TestDatabase database) =>
        database.Count("SELECT count(*) FROM intervention WHERE condition = 'hand-over-overdue' AND subject_id = @RepId", new { RepId });

    private static async Task Sql(TestDatabase database, string sql)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { RepId }, cancellationToken: Cancellation));
    }
}
