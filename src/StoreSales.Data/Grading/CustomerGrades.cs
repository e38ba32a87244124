using Dapper;
using Npgsql;
using StoreSales.Domain.SalesForce.Grading;

namespace StoreSales.Data.Grading;

/// <summary>
/// The nightly grades as kept (<c>customer_grade</c>): a customer's health trend for its page, and the grades of many
/// customers for one date, for pushing a night's grades to the customer grains that are active.
/// </summary>
public sealed class CustomerGrades(NpgsqlDataSource dataSource)
{
    /// <summary>The grades of these customers on <paramref name="gradedOn"/>; customers not graded that date are absent.</summary>
    public async Task<IReadOnlyList<GradedCustomer>> Of(IReadOnlyCollection<string> customerIds, DateOnly gradedOn, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"{Select} WHERE graded_on = @gradedOn::date AND customer_id = ANY(@ids) ORDER BY customer_id",
            new { gradedOn = gradedOn.ToDateTime(TimeOnly.MinValue), ids = customerIds.ToArray() },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToGraded()).ToList();
    }

    /// <summary>A customer's grades from <paramref name="from"/> on, oldest first: its health trend.</summary>
    public async Task<IReadOnlyList<GradedCustomer>> Trend(string customerId, DateOnly from, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"{Select} WHERE customer_id = @customerId AND graded_on >= @from::date ORDER BY graded_on",
            new { customerId, from = from.ToDateTime(TimeOnly.MinValue) },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToGraded()).ToList();
    }

    /// <summary>A customer's last <paramref name="limit"/> graded nights, newest first (the customer page's trend).</summary>
    public async Task<IReadOnlyList<GradedCustomer>> Latest(string customerId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"{Select} WHERE customer_id = @customerId ORDER BY graded_on DESC LIMIT @limit",
            new { customerId, limit },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToGraded()).ToList();
    }

    private const string Select =
        """
        SELECT customer_id AS CustomerId, graded_on::timestamp AS GradedOn, grade AS Grade, score AS Score, previous_score AS PreviousScore,
               recency_days AS RecencyDays, orders AS Orders, amount AS Amount, previous_amount AS PreviousAmount,
               interactions AS Interactions, average_response AS AverageResponse, health_dropped AS HealthDropped
        FROM customer_grade
        """;

    private sealed record Row(
        string CustomerId, DateTime GradedOn, string Grade, short Score, short? PreviousScore, short? RecencyDays, int Orders,
        decimal Amount, decimal PreviousAmount, int Interactions, TimeSpan? AverageResponse, bool HealthDropped)
    {
        public GradedCustomer ToGraded() => new(
            CustomerId,
            DateOnly.FromDateTime(GradedOn),
            Enum.Parse<CustomerGrade>(Grade),
            Score,
            PreviousScore,
            new RfmFigures(RecencyDays, Orders, Amount),
            new CustomerHealthInputs(Interactions, AverageResponse, Amount, PreviousAmount),
            HealthDropped);
    }
}

/// <summary>A customer's grade and health score of one night, with the figures they were computed from.</summary>
public sealed record GradedCustomer(
    string CustomerId,
    DateOnly GradedOn,
    CustomerGrade Grade,
    int Score,
    int? PreviousScore,
    RfmFigures Rfm,
    CustomerHealthInputs Health,
    bool HealthDropped);
