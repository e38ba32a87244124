namespace StoreSales.Abstractions.Targets;

/// <summary>
/// The attribution report's store on PostgreSQL (implemented by StoreSales.Data): the month's facts read set-based for
/// every store, split by the Domain rule, and written as one report.
/// </summary>
public interface IAttributionReports
{
    /// <summary>When <paramref name="month"/>'s report was generated; null when there is none.</summary>
    Task<DateTimeOffset?> GeneratedAt(DateOnly month, CancellationToken cancellationToken);

    /// <summary>Generates <paramref name="month"/>'s report, replacing one already stored, in one transaction.</summary>
    Task<AttributionRun> Generate(DateOnly month, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>One generated report: its month, how many stores it holds, when it was made and how long that took.</summary>
[GenerateSerializer, Immutable]
public sealed record AttributionRun(
    [property: Id(0)] DateOnly Month,
    [property: Id(1)] int Stores,
    [property: Id(2)] DateTimeOffset GeneratedAt,
    [property: Id(3)] TimeSpan Took);
