using StoreSales.ServiceDefaults.Limits;

namespace StoreSales.Silo.Access;

/// <summary>
/// The silo's rate limit counts every request of a store key against its store (<c>Limits:StoreRequestsPerWindow</c>
/// per <c>Limits:StoreWindow</c>): one store's runaway agent cannot take another store's turn. Requests without a store
/// key (health, metrics, a refused key) are not counted here.
/// </summary>
public static class StoreRateLimit
{
    public static RateSubject? Of(HttpContext http, RequestLimitOptions limits) =>
        http.User.FindFirst(StoreKeyAuthenticationHandler.StoreClaim)?.Value is { Length: > 0 } store
            ? new RateSubject(
                "store:" + store,
                limits.StoreRequestsPerWindow,
                limits.StoreWindow,
                $"{RequestLimitOptions.SectionName}:{nameof(RequestLimitOptions.StoreRequestsPerWindow)}",
                $"store key of '{store}'")
            : null;
}
