using StoreSales.Abstractions.Chain;
using StoreSales.Abstractions.Regions;
using StoreSales.Abstractions.Stores;

namespace StoreSales.CommandCenter.Api;

public static class ProgressEndpoints
{
    public static IEndpointRouteBuilder MapProgressApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Progress");

        api.MapGet("/stores", (ChainOverview overview, CancellationToken ct) => overview.ListStores(ct))
            .WithName("ListStores")
            .WithSummary("All stores with their region, location and live status");

        api.MapGet("/stores/{storeId}/progress", async Task<IResult> (string storeId, IChainDirectory directory, IClusterClient cluster, CancellationToken ct) =>
            await directory.FindStore(storeId, ct) is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown store", detail: $"There is no store '{storeId}'.")
                : Results.Ok(await cluster.GetGrain<IStoreGrain>(storeId).GetProgress()))
            .WithName("GetStoreProgress")
            .WithSummary("A store's live progress: the same snapshot the hub pushes as ProgressUpdated")
            .Produces<StoreProgress>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/regions/{regionId}/progress", async Task<IResult> (string regionId, IChainDirectory directory, IClusterClient cluster, CancellationToken ct) =>
            await directory.FindRegion(regionId, ct) is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown region", detail: $"There is no region '{regionId}'.")
                : Results.Ok(await cluster.GetGrain<IRegionGrain>(regionId).GetProgress()))
            .WithName("GetRegionProgress")
            .WithSummary("A region's totals and its stores' status")
            .Produces<RegionProgress>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }
}
