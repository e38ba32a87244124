using StoreSales.Domain.Pacing;

namespace StoreSales.Domain.Targets.Decomposition;

/// <summary>
/// What the ledger and the store-event calendar know about one store before its month is split.
/// </summary>
/// <param name="LastYearMonthSales">Net sales of the same month a year before, in the store's own calendar.</param>
/// <param name="RecentSales">Net sales of the recent window (<see cref="TargetDecomposition.RecentWindow"/>).</param>
/// <param name="RecentSalesLastYear">Net sales of the same window a year earlier.</param>
/// <param name="RecentFirstSaleAt">The store's first sale inside the recent window, null when it sold nothing in it.</param>
/// <param name="InventoryTurnover">Stock turns in the recent window, null where the chain keeps no stock data.</param>
/// <param name="Events">The store events that touch the month (closing ones and promotions).</param>
public sealed record StoreBaselineFacts(
    string StoreId,
    TimeZoneInfo TimeZone,
    OpeningHours Hours,
    decimal LastYearMonthSales,
    decimal RecentSales,
    decimal RecentSalesLastYear,
    DateTimeOffset? RecentFirstSaleAt,
    decimal? InventoryTurnover,
    IReadOnlyList<StoreEventSpan> Events);

/// <summary>A store event's span as decomposition reads it: closing the store, or a promotion with its expected uplift.</summary>
public sealed record StoreEventSpan(DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool ClosesStore, decimal? ExpectedUplift);
