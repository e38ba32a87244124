using StoreSales.Abstractions.Stores;

namespace StoreSales.Abstractions.Reps;

/// <summary>
/// A rep's live progress: today's and this month's sales credited to the rep against the rep's target, paced by the
/// rep's store (its opening hours and hourly shape), with the same red/yellow/green rule as a store under its own
/// settings (<c>SalesForce:Reps:Status</c>). <see cref="Known"/> is false for a rep id that tills send but master data
/// does not hold: such a rep has no store, target or figures.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RepProgress(
    [property: Id(0)] string RepId,
    [property: Id(1)] bool Known,
    [property: Id(2)] string? Name,
    [property: Id(3)] string? StoreId,
    [property: Id(4)] string? RegionId,
    [property: Id(5)] bool Active,
    [property: Id(6)] PeriodProgress Day,
    [property: Id(7)] PeriodProgress Month,
    [property: Id(8)] DateTimeOffset UpdatedAt,
    [property: Id(9)] long Version,
    [property: Id(10)] string? TimeZone)
{
    /// <summary>The progress of a rep id that master data does not hold.</summary>
    public static RepProgress Unknown(string repId, DateTimeOffset now) =>
        new(repId, false, null, null, null, false, PeriodProgress.Empty, PeriodProgress.Empty, now, 0, null);
}
