using Dapper;
using Microsoft.Extensions.Options;
using StoreSales.Data.Grading;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Grading;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// The nightly grading's SQL on a real PostgreSQL against the Domain rules (RfmFigures, RfmGrading, CustomerHealthScore,
/// HasDropped): a table of customers, each graded by the C# rules from the same purchases, interactions and leads,
/// must come out of one set-based run with the same figures, grade, score and drop.
/// </summary>
public sealed class CustomerGradingTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateOnly GradedOn = new(2026, 12, 5);
    private static readonly DateTimeOffset RunsAt = Local(GradedOn, 2, 0);
    private static readonly DateTimeOffset WindowEnd = ChainCalendar.StartOf(GradedOn, Zone);
    private static readonly CustomerGradingOptions Rfm = new();
    private static readonly CustomerHealthOptions Health = new();

    private TestDatabase _database = null!;
    private PgCustomerGrading _grading = null!;
    private long _sequence;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.Create("grading", seedDemo: false);
        _grading = new PgCustomerGrading(_database.DataSource, Options.Create(Rfm), Options.Create(Health), Options.Create(new ChainCalendarOptions()));
        await Execute(
            """
            INSERT INTO region (region_id, name) VALUES ('region-east', 'East');
            INSERT INTO store (store_id, name, region_id, latitude, longitude, time_zone, opens, closes)
            VALUES ('store-sh001', 'Shanghai 1', 'region-east', 31.2, 121.4, 'Asia/Shanghai', '08:00', '22:00');
            """);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    /// <summary>One customer of the table: what it bought, what was recorded with it, and its score of the night before.</summary>
    private sealed record Case(
        string Id,
        CustomerKind Kind,
        (int DaysAgo, int Hour, decimal Amount)[] Purchases,
        (InteractionKind Kind, int DaysAgo)[] Interactions,
        (int DaysAgo, int Hour, TimeSpan? AnsweredAfter)[] Leads,
        Func<int, int?>? PreviousScore = null);

    private static readonly Case[] Table =
    [
        // RFM edges (member A: ≤ 7 days, 3 orders, 1,000; B: ≤ 30 days, 1 order, 200)
        new("c-member-a", CustomerKind.Member, [(7, 23, 400m), (3, 10, 300m), (1, 9, 300m)], [(InteractionKind.Call, 2), (InteractionKind.Visit, 5), (InteractionKind.Message, 9), (InteractionKind.Call, 20)], []),
        new("c-member-a-short", CustomerKind.Member, [(7, 0, 400m), (3, 10, 300m), (1, 9, 299.99m)], [], []),
        new("c-member-8-days", CustomerKind.Member, [(8, 12, 800m), (2, 10, 300m), (1, 9, 300m)], [], []),
        new("c-today-and-day-31", CustomerKind.Member, [(0, 1, 5_000m), (31, 20, 700m), (30, 0, 250m)], [], []),
        new("c-return-only", CustomerKind.Member, [(4, 15, -300m), (40, 11, 900m)], [], []),
        new("c-account-a", CustomerKind.Account, [(7, 8, 20_000m), (6, 9, 10_000m), (2, 9, 10_000m), (1, 9, 10_000m)], [], []),
        new("c-account-small", CustomerKind.Account, [(1, 9, 1_000m), (2, 9, 1_000m), (3, 9, 1_000m)], [], []),
        new("c-nothing", CustomerKind.Member, [], [], []),
        // Health: interactions of the counted kinds only; responses between good (4 h) and poor (72 h); the trend
        new("c-notes-only", CustomerKind.Member, [(10, 12, 100m), (45, 12, 300m)], [(InteractionKind.Note, 1), (InteractionKind.Note, 2), (InteractionKind.Call, 31)], [(20, 10, TimeSpan.FromHours(10))]),
        new("c-two-leads", CustomerKind.Member, [(5, 12, 250m)], [(InteractionKind.Call, 3)], [(25, 9, TimeSpan.FromHours(2)), (12, 9, TimeSpan.FromHours(8))]),
        new("c-unanswered-lead", CustomerKind.Account, [(50, 12, 8_000m)], [], [(3, 12, null)]),
        new("c-lead-answered-after-window", CustomerKind.Member, [], [(InteractionKind.Message, 1)], [(1, 20, TimeSpan.FromHours(30))]),
        new("c-lead-before-window", CustomerKind.Member, [(15, 12, 500m)], [], [(31, 12, TimeSpan.FromHours(60))]),
        // Drop alerts, relative to the score the Domain computes: 20 points down (alerts), 19 (does not), from 40 to 39 (alerts)
        new("c-drop-20", CustomerKind.Member, [(20, 12, 300m), (45, 12, 300m)], [(InteractionKind.Call, 6)], [], score => score + 20),
        new("c-drop-19", CustomerKind.Member, [(20, 12, 300m), (45, 12, 300m)], [(InteractionKind.Call, 4)], [], score => score + 19),
        new("c-crosses-40", CustomerKind.Member, [(50, 12, 600m)], [], [], score => score < 40 ? 40 : null),
        new("c-first-score", CustomerKind.Member, [(50, 12, 600m)], [], [], _ => null),
    ];

    [Fact]
    public async Task The_set_based_run_grades_and_scores_every_customer_as_the_domain_rules_do()
    {
        var expected = new Dictionary<string, (RfmFigures Rfm, CustomerGrade Grade, int Score, int? Previous, bool Dropped)>();
        await Execute("INSERT INTO grading_run (graded_on, started_at, finished_at, customers, drops, alerts_done_at) VALUES ('2026-12-04', now(), now(), 0, 0, now())");
        foreach (var customer in Table)
        {
            await Seed(customer);
            var purchases = customer.Purchases.Select(p => new CustomerPurchase(Local(GradedOn.AddDays(-p.DaysAgo), p.Hour, 0), p.Amount)).ToList();
            var figures = RfmFigures.Of(purchases, RunsAt, Zone, Rfm.WindowDays);
            var inputs = new CustomerHealthInputs(
                customer.Interactions.Count(i => Health.InteractionKinds.Includes(i.Kind) && i.DaysAgo is >= 1 and <= 30),
                AverageResponse(customer),
                figures.Amount,
                RfmFigures.Of(purchases, RunsAt.AddDays(-Rfm.WindowDays), Zone, Rfm.WindowDays).Amount);
            var score = CustomerHealthScore.Score(inputs, Health);
            var previous = customer.PreviousScore?.Invoke(score);
            if (previous is { } before)
            {
                await Execute(
                    "INSERT INTO customer_grade (graded_on, customer_id, owner_rep_id, grade, score, orders, amount, previous_amount, interactions, health_dropped) VALUES ('2026-12-04', @id, 'rep-one', 'B', @before, 0, 0, 0, 0, false)",
                    new { id = customer.Id, before });
            }

            expected[customer.Id] = (figures, RfmGrading.Grade(figures, customer.Kind, Rfm), score, previous, CustomerHealthScore.HasDropped(previous, score, Health));
        }

        await Execute(
            """
            INSERT INTO customer (customer_id, kind, display_name, normalized_name, member_code, owner_rep_id, department_id, service_from, created_at, updated_at, merged_into)
            VALUES ('c-merged', 'member', 'Merged', 'MERGED', 'm-c-merged', 'rep-one', 'dept-east', '2026-01-01', now(), now(), 'c-member-a')
            """);

        var run = await _grading.Grade(GradedOn, RunsAt, Cancellation);

        var graded = (await Query<GradeRow>(
            "SELECT customer_id AS CustomerId, grade AS Grade, score AS Score, previous_score AS PreviousScore, recency_days AS RecencyDays, orders AS Orders, amount AS Amount, health_dropped AS HealthDropped FROM customer_grade WHERE graded_on = '2026-12-05'"))
            .ToDictionary(r => r.CustomerId);
        Assert.Equal(Table.Length, run.Customers);
        Assert.Equal(expected.Keys.Order(), graded.Keys.Order());
        foreach (var (id, want) in expected)
        {
            var row = graded[id];
            Assert.True(want.Rfm == new RfmFigures(row.RecencyDays, row.Orders, row.Amount), $"{id}: figures {want.Rfm} expected, {row} graded");
            Assert.True(want.Grade.ToString() == row.Grade, $"{id}: grade {want.Grade} expected, {row.Grade} graded");
            Assert.True(want.Score == row.Score, $"{id}: score {want.Score} expected, {row.Score} graded");
            Assert.True(want.Previous == row.PreviousScore, $"{id}: previous {want.Previous} expected, {row.PreviousScore} read");
            Assert.True(want.Dropped == row.HealthDropped, $"{id}: dropped {want.Dropped} expected, {row.HealthDropped} graded");
        }

        // The table reaches every grade and both sides of the drop rule (a table that cannot fail proves nothing).
        Assert.Equal(new[] { CustomerGrade.A, CustomerGrade.B, CustomerGrade.C }, expected.Values.Select(v => v.Grade).Distinct().Order());
        Assert.Equal(["c-crosses-40", "c-drop-20"], expected.Where(e => e.Value.Dropped).Select(e => e.Key).Order());
        Assert.Equal(2, run.Drops);
        Assert.Contains(expected.Values, v => v.Score is > 0 and < 100 && v.Score % 10 != 0);
    }

    [Fact]
    public async Task A_second_run_for_the_same_date_writes_nothing()
    {
        foreach (var customer in Table.Take(4))
        {
            await Seed(customer);
        }

        var first = await _grading.Grade(GradedOn, RunsAt, Cancellation);
        await Seed(new Case("c-late-comer", CustomerKind.Member, [(1, 9, 5_000m)], [], []));
        var again = await _grading.Grade(GradedOn, RunsAt.AddHours(3), Cancellation);

        Assert.False(first.AlreadyGraded);
        Assert.True(again.AlreadyGraded);
        Assert.Equal(first.Customers, again.Customers);
        Assert.Equal(4, await _database.Count("SELECT count(*) FROM customer_grade WHERE graded_on = '2026-12-05'"));
        Assert.Equal(1, await _database.Count("SELECT count(*) FROM grading_run"));
    }

    [Fact]
    public async Task Grades_of_many_customers_for_a_date_and_one_customers_trend_read_back_as_graded()
    {
        await Seed(Table[0]);
        await Seed(Table[7]);
        await _grading.Grade(GradedOn.AddDays(-1), RunsAt.AddDays(-1), Cancellation);
        await _grading.Grade(GradedOn, RunsAt, Cancellation);
        var grades = new CustomerGrades(_database.DataSource);

        var night = await grades.Of(["c-member-a", "c-nothing", "c-unknown"], GradedOn, Cancellation);
        var trend = await grades.Trend("c-member-a", GradedOn.AddDays(-30), Cancellation);

        Assert.Equal(["c-member-a", "c-nothing"], night.Select(g => g.CustomerId));
        Assert.Equal(CustomerGrade.A, night[0].Grade);
        Assert.Equal([GradedOn.AddDays(-1), GradedOn], trend.Select(t => t.GradedOn));
        Assert.Equal(trend[0].Score, trend[1].PreviousScore);
    }

    private static TimeSpan? AverageResponse(Case customer)
    {
        var owed = customer.Leads
            .Select(l => (Assigned: Local(GradedOn.AddDays(-l.DaysAgo), l.Hour, 0), l.AnsweredAfter))
            .Where(l => l.Assigned >= ChainCalendar.StartOf(GradedOn.AddDays(-Rfm.WindowDays), Zone) && l.Assigned < WindowEnd)
            .Select(l => (l.AnsweredAfter is { } after && l.Assigned + after < WindowEnd ? l.Assigned + after : WindowEnd) - l.Assigned)
            .ToList();
        return owed.Count == 0 ? null : TimeSpan.FromTicks((long)owed.Average(t => t.Ticks));
    }

    private async Task Seed(Case customer)
    {
        var kind = customer.Kind == CustomerKind.Account ? "account" : "member";
        await Execute(
            """
            INSERT INTO customer (customer_id, kind, display_name, normalized_name, member_code, owner_rep_id, department_id, service_from, created_at, updated_at)
            VALUES (@id, @kind, @id, upper(@id), 'm-' || @id, 'rep-one', 'dept-east', '2026-01-01', '2026-01-01', '2026-01-01')
            """,
            new { id = customer.Id, kind });
        foreach (var (daysAgo, hour, amount) in customer.Purchases)
        {
            var at = Local(GradedOn.AddDays(-daysAgo), hour, 0).UtcDateTime;
            await Execute(
                """
                INSERT INTO sale (store_id, terminal_id, sequence, kind, rung_up_at, captured_at, member_id, total)
                VALUES ('store-sh001', 't1', @sequence, @kind, @at, @at, 'm-' || @id, @amount)
                """,
                new { sequence = ++_sequence, kind = amount < 0 ? "return" : "sale", at, id = customer.Id, amount });
        }

        foreach (var (interactionKind, daysAgo) in customer.Interactions)
        {
            await Execute(
                "INSERT INTO interaction (customer_id, rep_id, kind, at) VALUES (@id, 'rep-one', @kind, @at)",
                new { id = customer.Id, kind = interactionKind.ToString().ToLowerInvariant(), at = Local(GradedOn.AddDays(-daysAgo), 11, 0).UtcDateTime });
        }

        foreach (var (daysAgo, hour, answeredAfter) in customer.Leads)
        {
            var assigned = Local(GradedOn.AddDays(-daysAgo), hour, 0);
            await Execute(
                "INSERT INTO lead (customer_id, rep_id, assigned_at, first_contact_at) VALUES (@id, 'rep-one', @assigned, @contacted)",
                new { id = customer.Id, assigned = assigned.UtcDateTime, contacted = answeredAfter is { } after ? (assigned + after).UtcDateTime : (DateTime?)null });
        }
    }

    private static DateTimeOffset Local(DateOnly date, int hour, int minute) =>
        new(date.ToDateTime(new TimeOnly(hour, minute)), Zone.GetUtcOffset(date.ToDateTime(new TimeOnly(hour, minute))));

    private async Task Execute(string sql, object? parameters = null)
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(sql, parameters);
    }

    private async Task<IEnumerable<T>> Query<T>(string sql)
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync(Cancellation);
        return await connection.QueryAsync<T>(sql);
    }

    private sealed record GradeRow(string CustomerId, string Grade, short Score, short? PreviousScore, short? RecencyDays, int Orders, decimal Amount, bool HealthDropped);
}
