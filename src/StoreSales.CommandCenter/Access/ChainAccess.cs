using System.Security.Claims;
using StoreSales.Abstractions.Chain;

namespace StoreSales.CommandCenter.Access;

/// <summary>
/// Answers "may this viewer see that store / region?" against master data, for pages, API endpoints and the hub
/// alike, so a store manager cannot reach another store by changing a URL or joining another group.
/// </summary>
public sealed class ChainAccess(IChainDirectory directory)
{
    public async Task<Access<StoreProfile>> Store(ClaimsPrincipal viewer, string storeId, CancellationToken cancellationToken)
    {
        var store = await directory.FindStore(storeId, cancellationToken);
        return store is null ? new Access<StoreProfile>(null, IsUnknown: true)
            : viewer.ToViewerScope().CanSeeStore(store.StoreId, store.RegionId) ? new Access<StoreProfile>(store, IsUnknown: false)
            : new Access<StoreProfile>(null, IsUnknown: false);
    }

    public async Task<Access<RegionProfile>> Region(ClaimsPrincipal viewer, string regionId, CancellationToken cancellationToken)
    {
        var region = await directory.FindRegion(regionId, cancellationToken);
        return region is null ? new Access<RegionProfile>(null, IsUnknown: true)
            : viewer.ToViewerScope().CanSeeRegion(region.RegionId) ? new Access<RegionProfile>(region, IsUnknown: false)
            : new Access<RegionProfile>(null, IsUnknown: false);
    }

    /// <summary>
    /// A rep this viewer may see (<c>ViewerScope.CanSeeRep</c>: the rep, the manager of the rep's store, the region's
    /// managers and supervisors, HQ), or null. Unknown and out of scope are not told apart: whether a colleague exists
    /// and how they sell is not another rep's business.
    /// </summary>
    public async Task<RepProfile?> Rep(ClaimsPrincipal viewer, string repId, CancellationToken cancellationToken)
    {
        var rep = await directory.FindRep(repId, cancellationToken);
        var store = rep is null ? null : await directory.FindStore(rep.StoreId, cancellationToken);
        return store is not null && viewer.ToViewerScope().CanSeeRep(repId, store.StoreId, store.RegionId) ? rep : null;
    }

    /// <summary>The stores this viewer may see, in id order.</summary>
    public async Task<IReadOnlyList<StoreProfile>> VisibleStores(ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var scope = viewer.ToViewerScope();
        return (await directory.ListStores(null, cancellationToken))
            .Where(s => scope.CanSeeStore(s.StoreId, s.RegionId))
            .OrderBy(s => s.StoreId, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<IReadOnlyList<RegionProfile>> VisibleRegions(ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var scope = viewer.ToViewerScope();
        return (await directory.ListRegions(cancellationToken))
            .Where(r => scope.CanSeeRegion(r.RegionId))
            .OrderBy(r => r.RegionId, StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>The outcome of an access check: the thing when allowed, else whether it is unknown or forbidden.</summary>
public readonly record struct Access<T>(T? Value, bool IsUnknown)
    where T : class
{
    public bool IsAllowed => Value is not null;

    /// <summary>The ProblemDetails answer for an API call that is not allowed (404 unknown, 403 out of scope).</summary>
    public IResult Denied(string what, string id) => IsUnknown
        ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"Unknown {what}", detail: $"There is no {what} '{id}'.")
        : Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not in your scope", detail: $"Your sign-in does not cover {what} '{id}'.");
}
