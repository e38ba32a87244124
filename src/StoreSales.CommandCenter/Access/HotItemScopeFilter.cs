namespace StoreSales.CommandCenter.Access;

/// <summary>
/// Scope for the hot-item reads: a store's sales only for who may see the store, a region's heatmap only for who
/// may see the region, and the chain-wide heatmap only for HQ (others name a region they cover).
/// </summary>
public sealed class HotItemScopeFilter(ChainAccess access) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var user = http.User;
        if (http.Request.RouteValues.TryGetValue("storeId", out var store) && store is string storeId)
        {
            var allowed = await access.Store(user, storeId, http.RequestAborted);
            return allowed.IsAllowed ? await next(context) : allowed.Denied("store", storeId);
        }

        if (http.Request.Query["regionId"].ToString() is { Length: > 0 } regionId)
        {
            var allowed = await access.Region(user, regionId, http.RequestAborted);
            return allowed.IsAllowed ? await next(context) : allowed.Denied("region", regionId);
        }

        return user.ToViewerScope().SeesWholeChain
            ? await next(context)
            : Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not in your scope", detail: "The chain-wide view is for HQ; name a region you cover with regionId=.");
    }
}
