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
    public async Task<IReadOnlyList<StoreListItem>> ListStores(ClaimsPrincipal viewer, CancellationToken cancellationToken) =>
        (await Read(viewer, cancellationToken)).Stores;

    /// <summary>
    /// The stores <paramref name="viewer"/> may see with their live figures, and the progress of their regions (read
    /// once for both).
    /// </summary>
    public async Task<ChainView> Read(ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var stores = await access.VisibleStores(viewer, cancellationToken);
        var regions = (await directory.ListRegions(cancellationToken)).Where(r => stores.Any(s => s.RegionId == r.RegionId)).ToList();
        var progress = await Task.WhenAll(regions.Select(r => cluster.GetGrain<IRegionGrain>(r.RegionId).GetProgress()));
        var summaries = progress.SelectMany(p => p.Stores).ToDictionary(s => s.StoreId, StringComparer.Ordinal);
        var regionNames = regions.ToDictionary(r => r.RegionId, r => r.Name, StringComparer.Ordinal);

        var items = stores
            .Select(store =>
            {
                var item = new StoreListItem(
                    store.StoreId, store.Name, store.RegionId, regionNames.GetValueOrDefault(store.RegionId, store.RegionId),
                    store.Latitude, store.Longitude, 0, 0, default, default, 0, default, default, null);
                return summaries.TryGetValue(store.StoreId, out var summary) ? item.With(summary) : item;
            })
            .ToList();
        return new ChainView(progress, items);
    }
}

/// <summary>What <see cref="ChainOverview.Read"/> returns: regions' progress and the visible stores.</summary>
public sealed record ChainView(IReadOnlyList<RegionProgress> Regions, IReadOnlyList<StoreListItem> Stores);
