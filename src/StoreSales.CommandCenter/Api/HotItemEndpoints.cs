using StoreSales.Data.HotItems;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// The HQ hot-item views: heatmap (stores × the chain's top items), top stores for one item, and the sales behind
/// one cell, for the drill-down region → store → item → sale. Windows: <c>15m</c>, <c>1h</c> (default), <c>today</c>
/// (since midnight in each store's time zone); metric <c>lift</c> (default) or <c>units</c> orders items and stores.
/// </summary>
public static class HotItemEndpoints
{
    public static IEndpointRouteBuilder MapHotItemApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Hot items");

        api.MapGet("/hot-items/heatmap", async Task<IResult> (string? window, string? regionId, string? metric, HotItemHeatmapCache heatmaps, CancellationToken ct) =>
            {
                if (Invalid(window, metric) is { } problem)
                {
                    return problem;
                }

                var heatmap = await heatmaps.Get(WindowOf(window), Blank(regionId), MetricOf(metric), ct);
                return heatmap.RegionId is not null && heatmap.Stores.Count == 0
                    ? UnknownRegion(heatmap.RegionId)
                    : Results.Ok(heatmap);
            })
            .WithName("GetHotItemHeatmap")
            .WithSummary("Stores (grouped by region) × the chain's top items in a window, each cell with units, usual units and lift")
            .Produces<HotItemHeatmap>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/hot-items/{itemCode}/top-stores", async Task<IResult> (string itemCode, string? window, string? regionId, string? metric, HotItemHeatmapReader reader, TimeProvider clock, CancellationToken ct) =>
            {
                if (Invalid(window, metric) is { } problem)
                {
                    return problem;
                }

                var top = await reader.TopStores(itemCode, WindowOf(window), Blank(regionId), MetricOf(metric), clock.GetUtcNow(), ct);
                return Results.Ok(top);
            })
            .WithName("GetHotItemTopStores")
            .WithSummary("The stores where an item is hottest right now (by lift, or units), at most HotItems:Heatmap:TopStores")
            .Produces<ItemTopStores>()
            .ProducesValidationProblem();

        api.MapGet("/stores/{storeId}/hot-items/{itemCode}/sales", async Task<IResult> (string storeId, string itemCode, string? window, HotItemHeatmapReader reader, TimeProvider clock, CancellationToken ct) =>
            {
                if (Invalid(window, metric: null) is { } problem)
                {
                    return problem;
                }

                var sales = await reader.SalesBehind(storeId, itemCode, WindowOf(window), clock.GetUtcNow(), ct);
                return sales is null
                    ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown store", detail: $"There is no store '{storeId}'.")
                    : Results.Ok(sales);
            })
            .WithName("GetHotItemCellSales")
            .WithSummary("The sales behind a heatmap cell: the store's sales in the window holding the item, newest first, with their lines")
            .Produces<CellSales>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    /// <summary>A 400 naming each parameter that is not one of its allowed values; null when all are fine (or absent).</summary>
    private static IResult? Invalid(string? window, string? metric)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (window is not null && !HeatmapTerms.TryParseWindow(window, out _))
        {
            errors["window"] = [$"'{window}' is not a window; use one of {string.Join(", ", HeatmapTerms.Windows)}."];
        }

        if (metric is not null && !HeatmapTerms.TryParseMetric(metric, out _))
        {
            errors["metric"] = [$"'{metric}' is not a metric; use one of {string.Join(", ", HeatmapTerms.Metrics)}."];
        }

        return errors.Count == 0 ? null : Results.ValidationProblem(errors, title: $"Invalid {string.Join(" and ", errors.Keys)}");
    }

    private static HeatmapWindow WindowOf(string? window) =>
        HeatmapTerms.TryParseWindow(window, out var parsed) ? parsed : HeatmapWindow.Hour;

    private static HeatmapMetric MetricOf(string? metric) =>
        HeatmapTerms.TryParseMetric(metric, out var parsed) ? parsed : HeatmapMetric.Lift;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static IResult UnknownRegion(string regionId) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown region", detail: $"There is no region '{regionId}' (or it has no stores).");
}
