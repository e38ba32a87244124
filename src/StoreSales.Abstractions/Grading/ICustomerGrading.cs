namespace StoreSales.Abstractions.Grading;

/// <summary>
/// The set-based grading on PostgreSQL (implemented by StoreSales.Data): one statement grades every customer for a
/// date and keeps the result as history; the drops are then read page by page for their alerts.
/// </summary>
public interface ICustomerGrading
{
    /// <summary>
    /// Grades every customer for <paramref name="gradedOn"/> in one transaction. Idempotent: a date already graded
    /// writes nothing and answers the first run's figures.
    /// </summary>
    Task<GradingRunResult> Grade(DateOnly gradedOn, DateTimeOffset startedAt, CancellationToken cancellationToken);

    /// <summary>The latest date whose grading and alerts are both done; null before the first.</summary>
    Task<DateOnly?> LastCompleted(CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> drops of the date not alerted yet, after <paramref name="afterCustomerId"/> (keyset paging).</summary>
    Task<IReadOnlyList<HealthDrop>> UnalertedDrops(DateOnly gradedOn, string? afterCustomerId, int limit, CancellationToken cancellationToken);

    /// <summary>Marks these drops as alerted, so a re-run raises none of them again.</summary>
    Task MarkAlerted(DateOnly gradedOn, IReadOnlyCollection<string> customerIds, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Marks the date's alerts as all sent: the run is complete.</summary>
    Task CompleteAlerts(DateOnly gradedOn, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Deletes the grade history of every date before <paramref name="keepFrom"/>, in one statement; returns the rows deleted.</summary>
    Task<int> ForgetGradesBefore(DateOnly keepFrom, CancellationToken cancellationToken);
}

/// <summary>One grading run's figures.</summary>
/// <param name="GradedOn">The grading date (chain calendar).</param>
/// <param name="Customers">Customers graded.</param>
/// <param name="Drops">Customers whose health dropped past the threshold.</param>
/// <param name="AlreadyGraded">True when the date had been graded before: nothing was written now.</param>
public sealed record GradingRunResult(DateOnly GradedOn, int Customers, int Drops, bool AlreadyGraded);

/// <summary>A customer whose health dropped in a run, and who is to be told: its owner of that night, their store and region.</summary>
public sealed record HealthDrop(
    string CustomerId,
    string CustomerName,
    string OwnerRepId,
    string? StoreId,
    string? RegionId,
    int? PreviousScore,
    int Score,
    string Grade);
