using StoreSales.Abstractions.Regions;
using StoreSales.Domain.Targets;

namespace StoreSales.CommandCenter.Api;

/// <summary>One store in <c>GET /api/stores</c>: where it is and how it stands now.</summary>
public sealed record StoreListItem(
    string StoreId,
    string Name,
    string RegionId,
    string RegionName,
    double? Latitude,
    double? Longitude,
    decimal DayActual,
    decimal DayExpected,
    TargetBand DayStatus,
    PaceDirection DayDirection,
    decimal MonthActual,
    TargetBand MonthStatus,
    PaceDirection MonthDirection,
    DateTimeOffset? UpdatedAt)
{
    /// <summary>
    /// This store with its figures from a region's summary, unless the summary is older than what it already shows
    /// (live notifications may overtake each other).
    /// </summary>
    public StoreListItem With(StoreSummary summary) =>
        UpdatedAt is { } shown && summary.UpdatedAt < shown
            ? this
            : this with
            {
                DayActual = summary.DayActual,
                DayExpected = summary.DayExpected,
                DayStatus = summary.DayStatus,
                DayDirection = summary.DayDirection,
                MonthActual = summary.MonthActual,
                MonthStatus = summary.MonthStatus,
                MonthDirection = summary.MonthDirection,
                UpdatedAt = summary.UpdatedAt,
            };
}
