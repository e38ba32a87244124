using System.Security.Claims;
using StoreSales.Abstractions.Chain;
using StoreSales.CommandCenter.Access;
using StoreSales.Abstractions.Regions;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// The chain at a glance, read through the region grains (one call per region, not per store) joined with
/// master data. Used by the store list API and the index page.
/// </summary>
public sealed class ChainOverview(IClusterClient cluster, IChainDirectory directory, ChainAccess access)
{
    /// <summary>The stores <paramref name="viewer"/> may see.</summary>
    public async Task<IReadOnlyList<StoreListItem>> ListStores(ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var stores = await access.VisibleStores(viewer, cancellationToken);
        var regions = (await directory.ListRegions(cancellationToken)).Where(r => stores.Any(s => s.RegionId == r.RegionId)).ToList();
        var progress = await Task.WhenAll(regions.Select(r => cluster.GetGrain<IRegionGrain>(r.RegionId).GetProgress()));
        var summaries = progress.SelectMany(p => p.Stores).ToDictionary(s => s.StoreId, StringComparer.Ordinal);
        var regionNames = regions.ToDictionary(r => r.RegionId, r => r.Name, StringComparer.Ordinal);

        return stores
            .Select(store =>
            {
                summaries.TryGetValue(store.StoreId, out var s);
                return new StoreListItem(
                    store.StoreId,
                    store.Name,
                    store.RegionId,
                    regionNames.GetValueOrDefault(store.RegionId, store.RegionId),
                    store.Latitude,
                    store.Longitude,
                    s?.DayActual ?? 0,
                    s?.DayExpected ?? 0,
                    s?.DayStatus ?? default,
                    s?.DayDirection ?? default,
                    s?.MonthActual ?? 0,
                    s?.MonthStatus ?? default,
                    s?.MonthDirection ?? default,
                    s?.UpdatedAt);
            })
            .ToList();
    }
}
