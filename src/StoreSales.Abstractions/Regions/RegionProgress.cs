using System.Collections.Immutable;
using StoreSales.Abstractions.Stores;
using StoreSales.Domain.Targets;

namespace StoreSales.Abstractions.Regions;

/// <summary>
/// A region's stores at a glance and their totals. A region that just woke up asks its stores a few at a time: until
/// <see cref="StoresKnown"/> reaches <see cref="StoresTotal"/> its totals cover only the stores it has heard from
/// (a page can say "warming up").
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RegionProgress(
    [property: Id(0)] string RegionId,
    [property: Id(1)] string Name,
    [property: Id(2)] PeriodProgress Day,
    [property: Id(3)] PeriodProgress Month,
    [property: Id(4)] ImmutableArray<StoreSummary> Stores,
    [property: Id(5)] DateTimeOffset UpdatedAt,
    [property: Id(6)] int StoresKnown = 0,
    [property: Id(7)] int StoresTotal = 0)
{
    /// <summary>Not every store of the region has reported yet: the totals are partial.</summary>
    public bool WarmingUp => StoresKnown < StoresTotal;
}

/// <summary>
/// One store's line in its region's summary: what a store reports to its region (not its whole progress).
/// <see cref="Version"/> and <see cref="UpdatedAt"/> let the region keep the newest of reports that crossed.
/// </summary>
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
    [property: Id(9)] PaceDirection MonthDirection,
    [property: Id(10)] long Version = 0,
    [property: Id(11)] decimal DayTarget = 0,
    [property: Id(12)] int DaySales = 0,
    [property: Id(13)] decimal MonthTarget = 0,
    [property: Id(14)] decimal MonthExpected = 0,
    [property: Id(15)] int MonthSales = 0)
{
    public static StoreSummary Of(StoreProgress store) => new(
        store.StoreId,
        store.StoreName,
        store.Day.Actual,
        store.Day.Expected,
        store.Day.Status,
        store.Day.Direction,
        store.Month.Actual,
        store.Month.Status,
        store.UpdatedAt,
        store.Month.Direction,
        store.Version,
        store.Day.Target,
        store.Day.SalesCount,
        store.Month.Target,
        store.Month.Expected,
        store.Month.SalesCount);
}
