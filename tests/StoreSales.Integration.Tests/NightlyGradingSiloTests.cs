using Dapper;
using StoreSales.Abstractions.Grading;
using StoreSales.Domain.SalesForce.Grading;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// The real silo on PostgreSQL (ADO.NET reminders): at start it registers the nightly grading's reminder and grades the
/// date that is due (the silo was "down" at 02:00: it did not exist), alerting the owner of a dropped customer; restarted,
/// the reminder is still there and nothing is graded or alerted twice.
/// </summary>
public sealed class NightlyGradingSiloTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_silo_grades_a_missed_night_at_start_and_a_restart_grades_and_alerts_nothing_twice()
    {
        await using var database = await TestDatabase.Create("nightly");
        var due = NightlyGradingSchedule.LatestDue(DateTimeOffset.UtcNow, Zone, new CustomerGradingOptions().NightlyAt);
        var dates = new { due = due.ToDateTime(TimeOnly.MinValue), before = due.AddDays(-1).ToDateTime(TimeOnly.MinValue) };
        await using (var connection = await database.DataSource.OpenConnectionAsync(Cancellation))
        {
            // Scored 90 the night before, nothing since: 45 now, a drop its owner hears of.
            await connection.ExecuteAsync(
                """
                INSERT INTO customer (customer_id, kind, display_name, normalized_name, owner_rep_id, department_id, service_from, created_at, updated_at)
                VALUES ('c-nightly', 'member', 'Nightly', 'NIGHTLY', 'rep-sh001-01', 'store-sh001', '2026-01-01', '2026-01-01', '2026-01-01');
                INSERT INTO grading_run (graded_on, started_at, finished_at, customers, drops, alerts_done_at) VALUES (@before::date, now(), now(), 1, 0, now());
                INSERT INTO customer_grade (graded_on, customer_id, owner_rep_id, grade, score, orders, amount, previous_amount, interactions, health_dropped)
                VALUES (@before::date, 'c-nightly', 'rep-sh001-01', 'B', 90, 0, 0, 0, 0, false);
                """,
                dates);
        }

        var clusterId = "nightly-" + Guid.NewGuid().ToString("N")[..8];
        await using (var silo = await SiloUnderTest.Start(database, clusterId))
        {
            var graded = await Eventually.Until(() => silo.Grains().GetGrain<INightlyGradingGrain>(0).GetStatus(), s => s.LastGradedOn == due, TimeSpan.FromSeconds(60));
            Assert.Equal((1, 1), (graded.Drops, graded.AlertsRaised));
        }

        await using var restarted = await SiloUnderTest.Start(database, clusterId);
        var again = await restarted.Grains().GetGrain<INightlyGradingGrain>(0).RunIfDue();

        Assert.Equal(due, again.LastGradedOn);
        Assert.Null(again.Running);
        Assert.Equal(1, await database.Count("SELECT count(*) FROM OrleansRemindersTable WHERE ReminderName = 'nightly-grading' AND Period = 60000"));
        Assert.Equal(1, await database.Count("SELECT count(*) FROM grading_run WHERE graded_on = @due::date AND alerts_done_at IS NOT NULL", dates));
        Assert.Equal(1, await database.Count("SELECT count(*) FROM customer_grade WHERE graded_on = @due::date AND customer_id = 'c-nightly' AND score = 45 AND alerted_at IS NOT NULL", dates));
        Assert.Equal(1, await database.Count("SELECT count(*) FROM intervention WHERE subject_id = 'c-nightly' AND condition = 'customer-health-dropped' AND assignee = 'rep:rep-sh001-01'"));
    }
}
