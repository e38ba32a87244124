using Microsoft.AspNetCore.SignalR;
using StoreSales.Abstractions.Chain;
using StoreSales.Abstractions.Regions;
using StoreSales.Abstractions.Stores;

namespace StoreSales.CommandCenter.Live;

/// <summary>
/// <c>/hubs/live</c>: a client joins a store or region and receives <c>ProgressUpdated</c> (a store's
/// <see cref="StoreProgress"/>) or <c>RegionUpdated</c> (<see cref="RegionProgress"/>). Joining returns the current
/// snapshot, so a client never starts blank; later messages carry a version, newest wins.
/// </summary>
public sealed class LiveHub(IClusterClient cluster, IChainDirectory directory) : Hub
{
    public async Task<StoreProgress> JoinStore(string storeId)
    {
        if (await directory.FindStore(storeId, Context.ConnectionAborted) is null)
        {
            throw new HubException($"Unknown store '{storeId}'.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Store(storeId), Context.ConnectionAborted);
        return await cluster.GetGrain<IStoreGrain>(storeId).GetProgress();
    }

    public Task LeaveStore(string storeId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Store(storeId), Context.ConnectionAborted);

    public async Task<RegionProgress> JoinRegion(string regionId)
    {
        if (await directory.FindRegion(regionId, Context.ConnectionAborted) is null)
        {
            throw new HubException($"Unknown region '{regionId}'.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Region(regionId), Context.ConnectionAborted);
        return await cluster.GetGrain<IRegionGrain>(regionId).GetProgress();
    }

    /// <summary>Receive <c>InterventionChanged</c> for every alert raised or moved in the region.</summary>
    public async Task JoinInterventions(string regionId)
    {
        if (await directory.FindRegion(regionId, Context.ConnectionAborted) is null)
        {
            throw new HubException($"Unknown region '{regionId}'.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Interventions(regionId), Context.ConnectionAborted);
    }

    public Task LeaveRegion(string regionId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Region(regionId), Context.ConnectionAborted);
}
