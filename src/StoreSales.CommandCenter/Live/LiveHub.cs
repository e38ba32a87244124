using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using StoreSales.Abstractions.Regions;
using StoreSales.Abstractions.Stores;
using StoreSales.Abstractions.ContractToCash;
using StoreSales.Abstractions.Customers;
using StoreSales.CommandCenter.Access;
using StoreSales.CommandCenter.ContractToCash;
using StoreSales.Domain.Access;
using StoreSales.Domain.Interventions;

namespace StoreSales.CommandCenter.Live;

/// <summary>
/// <c>/hubs/live</c>: a signed-in client (staff cookie, or a board token as bearer / <c>access_token</c>) joins a
/// store or region it may see and receives <c>ProgressUpdated</c> (a store's <see cref="StoreProgress"/>) or
/// <c>RegionUpdated</c> (<see cref="RegionProgress"/>). Joining returns the current snapshot, so a client never
/// starts blank; later messages carry a version, newest wins. A join outside the viewer's scope is refused.
/// </summary>
[Authorize]
public sealed class LiveHub(IClusterClient cluster, ChainAccess access, LiveBoardFeed feed, ContractDesk contracts) : Hub
{
    public async Task<StoreProgress> JoinStore(string storeId)
    {
        var store = await access.Store(Context.User!, storeId, Context.ConnectionAborted);
        Refuse(store, "store", storeId);
        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Store(storeId), Context.ConnectionAborted);
        // Read again after a failover with the host's other open boards.
        feed.Follow(storeId);
        return await cluster.GetGrain<IStoreGrain>(storeId).GetProgress();
    }

    public Task LeaveStore(string storeId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Store(storeId), Context.ConnectionAborted);

    public async Task<RegionProgress> JoinRegion(string regionId)
    {
        var region = await access.Region(Context.User!, regionId, Context.ConnectionAborted);
        Refuse(region, "region", regionId);
        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Region(regionId), Context.ConnectionAborted);
        return await cluster.GetGrain<IRegionGrain>(regionId).GetProgress();
    }

    public Task LeaveRegion(string regionId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Region(regionId), Context.ConnectionAborted);

    /// <summary>
    /// Receive <c>HeatmapScanned</c> (a list of <see cref="StoreSales.Abstractions.Live.HeatmapScan"/>) for every scan that
    /// moves the hot items of the region's stores: the heatmap's cells at the scan, as the HQ page shows them.
    /// </summary>
    public async Task JoinHeatmap(string regionId)
    {
        var region = await access.Region(Context.User!, regionId, Context.ConnectionAborted);
        Refuse(region, "region", regionId);
        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Heatmap(regionId), Context.ConnectionAborted);
    }

    public Task LeaveHeatmap(string regionId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Heatmap(regionId), Context.ConnectionAborted);

    /// <summary>Receive <c>InterventionChanged</c> for every alert raised or moved in the region.</summary>
    public async Task JoinInterventions(string regionId)
    {
        var region = await access.Region(Context.User!, regionId, Context.ConnectionAborted);
        Refuse(region, "region", regionId);
        if (!Context.User!.ToViewerScope().CanSeeInterventions(regionId))
        {
            throw new HubException($"Not allowed: your sign-in does not cover the inbox of region '{regionId}'.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Interventions(regionId), Context.ConnectionAborted);
    }

    /// <summary>
    /// Receive <c>InterventionChanged</c> for every alert assigned to someone the viewer answers for (<c>InboxScope</c>:
    /// <c>finance</c>, their own <c>rep:{id}</c>, their store's or team's manager), in any region or none; a region's
    /// alerts come through <see cref="JoinInterventions"/>; an alert escalated away from one of them still comes, with its
    /// new assignee and <c>assignedBefore</c> (<c>InboxScope.HoldingOf</c>). Refused to a viewer who answers for nobody.
    /// </summary>
    public async Task JoinMyInterventions()
    {
        var assignees = InboxScope.Of(Context.User!.ToViewerScope()).Assignees;
        if (assignees.Count == 0)
        {
            throw new HubException("Not allowed: your sign-in answers for no alert assignee.");
        }

        foreach (var assignee in assignees)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.InterventionsFor(assignee), Context.ConnectionAborted);
        }
    }

    /// <summary>
    /// Receive <c>RepBoardChanged</c> (rep id and what changed) whenever the rep's board changes; re-read the rep's data
    /// through the API. Joined by whoever may see the rep's progress (as <c>GET /api/reps/{repId}/progress</c>).
    /// </summary>
    public async Task JoinRep(string repId)
    {
        if (await access.Rep(Context.User!, repId, Context.ConnectionAborted) is null)
        {
            throw new HubException($"Unknown rep '{repId}' in your scope.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Rep(repId), Context.ConnectionAborted);
    }

    public Task LeaveRep(string repId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Rep(repId), Context.ConnectionAborted);

    /// <summary>
    /// Receive <c>PoolChanged</c> (customer id, team, releasing rep's store, entered or left) for every customer entering
    /// or leaving the part of the public pool the viewer's pool list shows (as <c>GET /api/pool</c>); re-read the list
    /// through the API. A change may arrive twice (by the team and by the store); it is a cue to read again.
    /// </summary>
    public async Task JoinPool()
    {
        var groups = SalesForceGroups.PoolOf(Context.User!.ToViewerScope());
        if (groups.Count == 0)
        {
            throw new HubException("Not allowed: your sign-in sees no part of the public pool.");
        }

        foreach (var group in groups)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
        }
    }

    /// <summary>
    /// Receive <c>HandOverChanged</c> (departing rep, their store, team and region, successors, what) whenever hand-overs
    /// the viewer's worklist may show are opened, changed or completed (as <c>GET /api/handovers</c> is scoped; a
    /// successor hears of those naming them, before or after the change); re-read the list through the API.
    /// </summary>
    public async Task JoinHandOvers()
    {
        var viewer = Context.User!.ToViewerScope();
        if (!HandOverAccessRule.SeesWorklist(viewer))
        {
            throw new HubException("Not allowed: your sign-in has no hand-over worklist.");
        }

        foreach (var group in SalesForceGroups.HandOversOf(viewer))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
        }
    }

    /// <summary>
    /// Receive <c>ApprovalChanged</c> (approval id, kind, status) whenever an approval request the viewer may see is filed,
    /// decided by one role, decided or withdrawn (<see cref="ApprovalAccessRule"/>: its approvers in scope, its requester,
    /// HQ and administrators); re-read the inbox through <c>GET /api/approvals</c>. A board token may not join.
    /// </summary>
    public async Task JoinApprovals()
    {
        var viewer = Context.User!.ToViewerScope();
        if (viewer.IsReadOnly)
        {
            throw new HubException("Not allowed: a board has no approvals inbox.");
        }

        foreach (var group in ApprovalGroups.Of(viewer, Context.User!.Identity?.Name ?? ""))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
        }
    }

    /// <summary>
    /// Receive <c>MatchStatusChanged</c> (<see cref="CustomerMatchStatus"/>: green / yellow / red per month) whenever a
    /// contract or document recorded for the customer changes its three-way match, on any host; joining returns the
    /// status the customer's grain holds now. Joined by whoever sees the customer's contracts (finance, the customer's
    /// own scope); anyone else is told the customer is unknown, as the API answers 404.
    /// </summary>
    public async Task<CustomerMatchStatus> JoinCustomerMatch(string customerId)
    {
        if (!await contracts.SeesAccount(Context.User!, customerId, Context.ConnectionAborted))
        {
            throw new HubException($"Unknown customer '{customerId}' in your scope.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Match(customerId), Context.ConnectionAborted);
        return await cluster.GetGrain<ICustomerGrain>(customerId).GetMatchStatus();
    }

    public Task LeaveCustomerMatch(string customerId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Match(customerId), Context.ConnectionAborted);

    private static void Refuse<T>(Access<T> access, string what, string id)
        where T : class
    {
        if (!access.IsAllowed)
        {
            throw new HubException(access.IsUnknown ? $"Unknown {what} '{id}'." : $"Not allowed: your sign-in does not cover {what} '{id}'.");
        }
    }
}
