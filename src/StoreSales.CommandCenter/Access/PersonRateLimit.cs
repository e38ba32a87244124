using StoreSales.ServiceDefaults.Limits;

namespace StoreSales.CommandCenter.Access;

/// <summary>
/// The command center's rate limit counts a signed-in person's API requests (<c>/api/…</c>) against that person
/// (<c>Limits:PersonRequestsPerWindow</c> per <c>Limits:PersonWindow</c>), so one person's script cannot starve the others.
/// Pages are not counted (they work over their circuit, not the API), nor anonymous requests (they are answered 401).
/// </summary>
public static class PersonRateLimit
{
    public static RateSubject? Of(HttpContext http, RequestLimitOptions limits) =>
        http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && http.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } person }
            ? new RateSubject(
                "person:" + person,
                limits.PersonRequestsPerWindow,
                limits.PersonWindow,
                $"{RequestLimitOptions.SectionName}:{nameof(RequestLimitOptions.PersonRequestsPerWindow)}",
                $"person '{person}'")
            : null;
}
