using System.Security.Claims;
using StoreSales.Abstractions.Chain;
using StoreSales.Abstractions.Regions;
using StoreSales.Abstractions.Reps;
using StoreSales.Abstractions.Stores;
using StoreSales.CommandCenter.Access;

namespace StoreSales.CommandCenter.Api;

public static class ProgressEndpoints
{
    public static IEndpointRouteBuilder MapProgressApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Progress").RequireAuthorization();

        api.MapGet("/stores", (ChainOverview overview, ClaimsPrincipal user, CancellationToken ct) => overview.ListStores(user, ct))
            .WithName("ListStores")
            .WithSummary("The stores the viewer may see, with their region, location and live status");

        api.MapGet("/stores/{storeId}/progress", async Task<IResult> (string storeId, ChainAccess access, ClaimsPrincipal user, IClusterClient cluster, CancellationToken ct) =>
            await access.Store(user, storeId, ct) is { IsAllowed: false } denied
                ? denied.Denied("store", storeId)
                : Results.Ok(await cluster.GetGrain<IStoreGrain>(storeId).GetProgress()))
            .WithName("GetStoreProgress")
            .WithSummary("A store's live progress: the same snapshot the hub pushes as ProgressUpdated")
            .Produces<StoreProgress>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/regions/{regionId}/progress", async Task<IResult> (string regionId, ChainAccess access, ClaimsPrincipal user, IClusterClient cluster, CancellationToken ct) =>
            await access.Region(user, regionId, ct) is { IsAllowed: false } denied
                ? denied.Denied("region", regionId)
                : Results.Ok(await cluster.GetGrain<IRegionGrain>(regionId).GetProgress()))
            .WithName("GetRegionProgress")
            .WithSummary("A region's totals and its stores' status")
            .Produces<RegionProgress>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/reps/{repId}/progress", async Task<IResult> (string repId, ChainAccess access, ClaimsPrincipal user, IClusterClient cluster, CancellationToken ct) =>
                // A rep unknown to master data and one outside the viewer's scope answer alike: nothing is told.
                await access.Rep(user, repId, ct) is null
                    ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown rep", detail: $"No rep '{repId}' in your scope.")
                    : Results.Ok(await cluster.GetGrain<IRepGrain>(repId).GetProgress()))
            .WithName("GetRepProgress")
            .WithSummary("A rep's live progress against their monthly target, paced by their store, in red/yellow/green")
            .WithDescription("Seen by the rep, the manager of the rep's store, the region's managers and supervisors, and HQ; anyone else (another rep of the store too) gets 404, as for an unknown rep.")
            .Produces<RepProgress>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }
}
