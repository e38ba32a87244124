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
    DateTimeOffset? UpdatedAt);
