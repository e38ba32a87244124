using StoreSales.Domain.Pacing;

namespace StoreSales.Abstractions.Chain;

/// <summary>
/// Master data and history the grains read: stores, regions, targets, item names and the sales history
/// that pacing profiles learn from. Implemented on PostgreSQL by StoreSales.Data.
/// </summary>
public interface IChainDirectory
{
    Task<StoreProfile?> FindStore(string storeId, CancellationToken cancellationToken);

    Task<RegionProfile?> FindRegion(string regionId, CancellationToken cancellationToken);

    Task<IReadOnlyList<RegionProfile>> ListRegions(CancellationToken cancellationToken);

    Task<IReadOnlyList<StoreProfile>> ListStores(string? regionId, CancellationToken cancellationToken);

    /// <summary>The store's target for the month containing <paramref name="month"/>, or 0 when none is set.</summary>
    Task<decimal> GetMonthlyTarget(string storeId, DateOnly month, CancellationToken cancellationToken);

    /// <summary>Sales summed per (day of week, hour) in the store's local time, over whole days before <paramref name="before"/>.</summary>
    Task<IReadOnlyList<HourlySales>> GetHourlySalesHistory(string storeId, DateOnly from, DateOnly before, CancellationToken cancellationToken);

    /// <summary>The rep's master data, or null when no rep has this id.</summary>
    Task<RepProfile?> FindRep(string repId, CancellationToken cancellationToken);

    /// <summary>The rep's target for the month containing <paramref name="month"/>, or 0 when none is set.</summary>
    Task<decimal> GetRepMonthlyTarget(string repId, DateOnly month, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, string>> GetItemNames(IReadOnlyCollection<string> itemCodes, CancellationToken cancellationToken);
}
