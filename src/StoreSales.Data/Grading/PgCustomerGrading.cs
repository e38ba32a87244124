using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Abstractions.Grading;
using StoreSales.Data.Customers;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Grading;

namespace StoreSales.Data.Grading;

/// <summary>
/// The nightly grading on PostgreSQL (<see cref="GradingStatement"/>): one transaction per date, so a date is graded
/// entirely or not at all, and once: the date's <c>grading_run</c> row is inserted first, and a second run (a re-run, a
/// second silo) either finds it or waits on it and then finds it, and writes nothing.
/// </summary>
public sealed class PgCustomerGrading(
    NpgsqlDataSource dataSource,
    IOptions<CustomerGradingOptions> grading,
    IOptions<CustomerHealthOptions> health,
    IOptions<ChainCalendarOptions> calendar) : ICustomerGrading
{
    public async Task<GradingRunResult> Grade(DateOnly gradedOn, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // A million groups of the ledger's last 60 days: with the default 4 MB the hash aggregates spill to disk.
        await connection.ExecuteAsync(new CommandDefinition("SET LOCAL work_mem = '256MB'", transaction: transaction, cancellationToken: cancellationToken));

        var claimed = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            """
            INSERT INTO grading_run (graded_on, started_at, finished_at, customers, drops) VALUES (@gradedOn::date, @startedAt, @startedAt, 0, 0)
            ON CONFLICT (graded_on) DO NOTHING
            RETURNING graded_on::timestamp
            """,
            new { gradedOn = gradedOn.ToDateTime(TimeOnly.MinValue), startedAt = startedAt.UtcDateTime },
            transaction,
            cancellationToken: cancellationToken));
        if (claimed is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            var done = await connection.QuerySingleAsync<(int Customers, int Drops)>(new CommandDefinition(
                "SELECT customers, drops FROM grading_run WHERE graded_on = @gradedOn::date",
                new { gradedOn = gradedOn.ToDateTime(TimeOnly.MinValue) },
                cancellationToken: cancellationToken));
            return new GradingRunResult(gradedOn, done.Customers, done.Drops, AlreadyGraded: true);
        }

        var previousRun = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            "SELECT max(graded_on)::timestamp FROM grading_run WHERE graded_on < @gradedOn::date",
            new { gradedOn = gradedOn.ToDateTime(TimeOnly.MinValue) },
            transaction,
            cancellationToken: cancellationToken));

        var (customers, drops) = await connection.QuerySingleAsync<(int, int)>(new CommandDefinition(
            GradingStatement.Sql,
            Parameters(gradedOn, previousRun),
            transaction,
            commandTimeout: 0,  // the run takes minutes on a large chain; the caller's token ends it
            cancellationToken: cancellationToken));

        // finished_at is the database's clock on purpose: it records how long the statement took, for operations.
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE grading_run SET finished_at = clock_timestamp(), customers = @customers, drops = @drops WHERE graded_on = @gradedOn::date",
            new { gradedOn = gradedOn.ToDateTime(TimeOnly.MinValue), customers, drops },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new GradingRunResult(gradedOn, customers, drops, AlreadyGraded: false);
    }

    public async Task<DateOnly?> LastCompleted(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var last = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            "SELECT max(graded_on)::timestamp FROM grading_run WHERE alerts_done_at IS NOT NULL",
            cancellationToken: cancellationToken));
        return last is { } date ? DateOnly.FromDateTime(date) : null;
    }

    public async Task<IReadOnlyList<HealthDrop>> UnalertedDrops(DateOnly gradedOn, string? afterCustomerId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<DropRow>(new CommandDefinition(
            """
            SELECT g.customer_id AS CustomerId, c.display_name AS CustomerName, g.owner_rep_id AS OwnerRepId, r.store_id AS StoreId,
                   st.region_id AS RegionId, g.previous_score AS PreviousScore, g.score AS Score, g.grade AS Grade
            FROM customer_grade g
            JOIN customer c ON c.customer_id = g.customer_id
            LEFT JOIN rep r ON r.rep_id = g.owner_rep_id
            LEFT JOIN store st ON st.store_id = r.store_id
            WHERE g.graded_on = @gradedOn::date AND g.health_dropped AND g.alerted_at IS NULL
              AND g.customer_id > coalesce(@after, '')
              -- In the pool a customer is nobody's (docs/domain.md, "Public pool claims"): no owner to tell.
              AND NOT EXISTS (SELECT 1 FROM pool_entry p WHERE p.customer_id = g.customer_id AND p.claimed_at IS NULL)
            ORDER BY g.customer_id
            LIMIT @limit
            """,
            new { gradedOn = gradedOn.ToDateTime(TimeOnly.MinValue), after = afterCustomerId, limit },
            cancellationToken: cancellationToken));
        return rows.Select(r => new HealthDrop(r.CustomerId, r.CustomerName, r.OwnerRepId, r.StoreId, r.RegionId, r.PreviousScore, r.Score, r.Grade)).ToList();
    }

    public async Task MarkAlerted(DateOnly gradedOn, IReadOnlyCollection<string> customerIds, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE customer_grade SET alerted_at = @at WHERE graded_on = @gradedOn::date AND customer_id = ANY(@ids) AND alerted_at IS NULL",
            new { gradedOn = gradedOn.ToDateTime(TimeOnly.MinValue), ids = customerIds.ToArray(), at = at.UtcDateTime },
            cancellationToken: cancellationToken));
    }

    public async Task CompleteAlerts(DateOnly gradedOn, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE grading_run SET alerts_done_at = @at WHERE graded_on = @gradedOn::date AND alerts_done_at IS NULL",
            new { gradedOn = gradedOn.ToDateTime(TimeOnly.MinValue), at = at.UtcDateTime },
            cancellationToken: cancellationToken));
    }

    public async Task<int> ForgetGradesBefore(DateOnly keepFrom, CancellationToken cancellationToken)
    {
        // One range of the primary key (graded_on first): the oldest dates' rows, whatever their number. grading_run keeps
        // its row per date (a few bytes): it says the date was graded, so a date is never graded twice.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM customer_grade WHERE graded_on < @keepFrom::date",
            new { keepFrom = keepFrom.ToDateTime(TimeOnly.MinValue) },
            commandTimeout: 0,  // a night's million rows; the caller's token ends it
            cancellationToken: cancellationToken));
    }

    private object Parameters(DateOnly gradedOn, DateTime? previousRun)
    {
        var rfm = grading.Value;
        var score = health.Value;
        var zone = calendar.Value.Zone();
        var windowFrom = ChainCalendar.StartOf(gradedOn.AddDays(-rfm.WindowDays), zone);
        var windowUntil = ChainCalendar.StartOf(gradedOn, zone);
        var previousFrom = ChainCalendar.StartOf(gradedOn.AddDays(-2 * rfm.WindowDays), zone);
        var kinds = Enum.GetValues<InteractionKind>().Where(k => score.InteractionKinds.Includes(k)).Select(StoredNames.Of).ToArray();
        return new
        {
            gradedOn = gradedOn.ToDateTime(TimeOnly.MinValue),
            previousRun,
            zone = calendar.Value.TimeZone,
            windowFrom = windowFrom.UtcDateTime,
            windowUntil = windowUntil.UtcDateTime,
            previousFrom = previousFrom.UtcDateTime,
            kinds,
            fullMarks = score.InteractionsForFullMarks,
            goodResponse = score.GoodResponse,
            poorResponse = score.PoorResponse,
            frequencyWeight = score.FrequencyWeight,
            responseWeight = score.ResponseWeight,
            trendWeight = score.TrendWeight,
            alertBelow = score.AlertBelow,
            alertOnDropOf = score.AlertOnDropOf,
            memberARecency = rfm.MemberA.MaxRecencyDays,
            memberAOrders = rfm.MemberA.MinOrders,
            memberAAmount = rfm.MemberA.MinAmount,
            memberBRecency = rfm.MemberB.MaxRecencyDays,
            memberBOrders = rfm.MemberB.MinOrders,
            memberBAmount = rfm.MemberB.MinAmount,
            accountARecency = rfm.AccountA.MaxRecencyDays,
            accountAOrders = rfm.AccountA.MinOrders,
            accountAAmount = rfm.AccountA.MinAmount,
            accountBRecency = rfm.AccountB.MaxRecencyDays,
            accountBOrders = rfm.AccountB.MinOrders,
            accountBAmount = rfm.AccountB.MinAmount,
        };
    }

    private sealed record DropRow(string CustomerId, string CustomerName, string OwnerRepId, string? StoreId, string? RegionId, short? PreviousScore, short Score, string Grade);
}
