using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StoreSales.Abstractions.Customers;
using StoreSales.Abstractions.Grading;
using StoreSales.Abstractions.Interventions;
using StoreSales.Domain.SalesForce.Grading;
using StoreSales.Testing;

namespace StoreSales.Grains.Tests;

/// <summary>
/// The nightly grading grain on the real PostgreSQL statement: the sales-force clock (from Wednesday 11 November, 15:00 in Shanghai) is
/// past 02:00 and nothing graded the day yet, as after a silo that was down at night. The run happens once, and each
/// owner of a dropped customer gets exactly one alert in the intervention inbox, however often the reminder asks again.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class NightlyGradingGrainTests(GrainClusterFixture fixture)
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_missed_night_is_graded_when_the_silo_is_back_and_each_owner_is_alerted_once()
    {
        // The sales-force clock only goes forward (other tests move it): the date due is where this test finds it.
        var today = NightlyGradingSchedule.LatestDue(fixture.SalesForceTime.GetUtcNow(), Zone, new CustomerGradingOptions().NightlyAt);
        await fixture.AddStore("store-grading");
        await fixture.AddRep("rep-grading-1", "store-grading", 0m);
        await fixture.AddRep("rep-grading-2", "store-grading", 0m);
        // Five customers who scored 90 the night before and have done nothing since: 45 today, a drop of 45 points. One
        // of them is in the public pool (nobody's: no owner to tell). Page size 2 and 4 raises at once: three pages.
        await Execute(
            """
            INSERT INTO customer (customer_id, kind, display_name, normalized_name, owner_rep_id, department_id, service_from, created_at, updated_at)
            SELECT 'c-grading-' || n, 'member', 'Grading ' || n, 'GRADING ' || n, CASE WHEN n <= 3 THEN 'rep-grading-1' ELSE 'rep-grading-2' END,
                   'dept-test', '2026-01-01', '2026-01-01', '2026-01-01'
            FROM generate_series(1, 5) n;
            INSERT INTO pool_entry (customer_id, released_at, released_from_rep_id, reason) VALUES ('c-grading-5', '2026-11-01', 'rep-grading-2', 'dormant');
            INSERT INTO grading_run (graded_on, started_at, finished_at, customers, drops, alerts_done_at) VALUES (@yesterday::date, now(), now(), 5, 0, now());
            INSERT INTO customer_grade (graded_on, customer_id, owner_rep_id, grade, score, orders, amount, previous_amount, interactions, health_dropped)
            SELECT @yesterday::date, customer_id, owner_rep_id, 'B', 90, 0, 0, 0, 0, false FROM customer WHERE customer_id LIKE 'c-grading-%';
            -- History at the edge of SalesForce:GradingRun:KeepGradesDays (400): the day before it goes, the day itself stays.
            INSERT INTO customer_grade (graded_on, customer_id, owner_rep_id, grade, score, orders, amount, previous_amount, interactions, health_dropped)
            SELECT d::date, 'c-grading-1', 'rep-grading-1', 'B', 80, 0, 0, 0, 0, false FROM unnest(ARRAY[@beyond, @edge]) d;
            """,
            new { yesterday = today.AddDays(-1).ToDateTime(TimeOnly.MinValue), beyond = today.AddDays(-401).ToDateTime(TimeOnly.MinValue), edge = today.AddDays(-400).ToDateTime(TimeOnly.MinValue) });
        var grain = fixture.Grains.GetGrain<INightlyGradingGrain>(0);
        // A customer someone has open: its grain is active, with last night's grade.
        var open = fixture.Grains.GetGrain<ICustomerGrain>("c-grading-1");
        var before = await open.GetLiveFacts();

        await grain.Start();
        var status = await Eventually.Until(grain.GetStatus, s => s.LastGradedOn == today, TimeSpan.FromSeconds(30));
        // The reminder keeps asking (every second here): a second later on the sales-force clock, it has asked again.
        fixture.SalesForceTime.Advance(TimeSpan.FromSeconds(1));
        var later = await Eventually.Until(grain.GetStatus, s => s.LastCheckedAt >= status.LastCheckedAt + TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        var again = await grain.RunIfDue();

        Assert.Equal(5, status.Drops);
        Assert.Equal(4, status.AlertsRaised);
        Assert.Equal(GrainClusterFixture.NightlyCheckEvery, await ReminderPeriod(grain));
        Assert.True(later.LastCheckedAt >= status.LastCheckedAt + TimeSpan.FromSeconds(1), "the reminder kept checking");
        Assert.Equal(today, again.LastGradedOn);
        Assert.Null(again.Running);
        Assert.Equal(5, await fixture.Database.Count("SELECT count(*) FROM customer_grade WHERE graded_on = @today::date AND customer_id LIKE 'c-grading-%' AND score = 45 AND health_dropped", new { today = today.ToDateTime(TimeOnly.MinValue) }));
        Assert.Equal(1, await fixture.Database.Count("SELECT count(*) FROM grading_run WHERE graded_on = @today::date AND alerts_done_at IS NOT NULL", new { today = today.ToDateTime(TimeOnly.MinValue) }));
        Assert.Equal(4, await fixture.Database.Count("SELECT count(*) FROM intervention WHERE condition = 'customer-health-dropped' AND subject_id LIKE 'c-grading-%'"));
        Assert.Equal(0, await fixture.Database.Count("SELECT count(*) FROM intervention WHERE subject_id = 'c-grading-5'"));

        // The history is bounded: grades more than 400 days before the run are gone, the 400th day and since stay.
        Assert.Equal(0, await fixture.Database.Count("SELECT count(*) FROM customer_grade WHERE graded_on < @keepFrom::date", new { keepFrom = today.AddDays(-400).ToDateTime(TimeOnly.MinValue) }));
        Assert.Equal(1, await fixture.Database.Count("SELECT count(*) FROM customer_grade WHERE graded_on = @edge::date AND customer_id = 'c-grading-1'", new { edge = today.AddDays(-400).ToDateTime(TimeOnly.MinValue) }));
        Assert.Equal(5, await fixture.Database.Count("SELECT count(*) FROM customer_grade WHERE graded_on = @yesterday::date AND customer_id LIKE 'c-grading-%'", new { yesterday = today.AddDays(-1).ToDateTime(TimeOnly.MinValue) }));

        // The active grain was told of its new grade (nothing else makes it read the tables again here).
        Assert.Equal(new CustomerGradeFacts(today.AddDays(-1), CustomerGrade.B, 90), before.Grade);
        var pushed = await Eventually.Until(open.GetLiveFacts, f => f.Grade?.GradedOn == today, TimeSpan.FromSeconds(30));
        Assert.Equal(45, pushed.Grade!.HealthScore);

        var alert = await fixture.Grains.GetGrain<IInterventionGrain>("c-grading-4/rep:rep-grading-2/customer-health-dropped").GetCurrent();
        Assert.NotNull(alert);
        Assert.Equal("rep:rep-grading-2", RaisedAssignee.Of(alert));
        Assert.Equal("medium", alert.Severity);
        Assert.Equal(new InterventionSubject("customer", "c-grading-4", "store-grading", "region-east"), alert.Subject);
        Assert.Contains("health 45 (was 90)", alert.Evidence.Summary, StringComparison.Ordinal);
    }

    private async Task<TimeSpan?> ReminderPeriod(INightlyGradingGrain grain)
    {
        var reminders = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<Orleans.IReminderTable>();
        var entries = await reminders.ReadRows(grain.GetGrainId());
        return entries.Reminders.SingleOrDefault(r => r.ReminderName == "nightly-grading")?.Period;
    }

    private async Task Execute(string sql, object parameters)
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(sql, parameters);
    }
}
