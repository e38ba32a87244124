using System.Collections.Immutable;
using StoreSales.Abstractions.Stores;
using StoreSales.Domain.Targets;

namespace StoreSales.Abstractions.Regions;

/// <summary>A region's stores at a glance and their totals.</summary>
[GenerateSerializer, Immutable]
public sealed record RegionProgress(
    [property: Id(0)] string RegionId,
    [property: Id(1)] string Name,
    [property: Id(2)] PeriodProgress Day,
    [property: Id(3)] PeriodProgress Month,
    [property: Id(4)] ImmutableArray<StoreSummary> Stores,
    [property: Id(5)] DateTimeOffset UpdatedAt);

/// <summary>One store's line in its region's summary.</summary>
[GenerateSerializer, Immutable]
public sealed record StoreSummary(
    [property: Id(0)] string StoreId,
    [property: Id(1)] string StoreName,
    [property: Id(2)] decimal DayActual,
    [property: Id(3)] decimal DayExpected,
    [property: Id(4)] TargetBand DayStatus,
    [property: Id(5)] PaceDirection DayDirection,
    [property: Id(6)] decimal MonthActual,
    [property: Id(7)] TargetBand MonthStatus,
    [property: Id(8)] DateTimeOffset UpdatedAt,
    [property: Id(9)] PaceDirection MonthDirection);
