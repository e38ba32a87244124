using Yarp.ReverseProxy.Configuration;

namespace StoreSales.Gateway;

/// <summary>
/// The proxy's one route and one cluster, made from <see cref="GatewayOptions"/> rather than YARP's own configuration
/// schema: an operator names the nodes, the rules that Blazor Server needs (affinity, health) are not theirs to forget.
/// </summary>
public static class CommandCenterRoutes
{
    public const string ClusterId = "command-centers";

    public static IReadOnlyList<RouteConfig> Routes() =>
    [
        new RouteConfig
        {
            RouteId = "command-center",
            ClusterId = ClusterId,
            // Everything: pages, the Blazor and live hubs (WebSockets are proxied as they are), APIs, static files.
            Match = new RouteMatch { Path = "{**catch-all}" },
        },
    ];

    public static IReadOnlyList<ClusterConfig> Clusters(GatewayOptions options) =>
    [
        new ClusterConfig
        {
            ClusterId = ClusterId,
            LoadBalancingPolicy = "RoundRobin",
            SessionAffinity = new SessionAffinityConfig
            {
                Enabled = true,
                // A hashed node id in the cookie, not the node's address.
                Policy = "HashCookie",
                // A node gone: its browsers are sent to another one and reconnect there (a new circuit) instead of failing.
                FailurePolicy = "Redistribute",
                AffinityKeyName = options.AffinityCookie,
                Cookie = new SessionAffinityCookieConfig { HttpOnly = true, SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax, IsEssential = true },
            },
            HealthCheck = new HealthCheckConfig
            {
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Interval = options.HealthCheckInterval,
                    Timeout = options.HealthCheckTimeout,
                    Policy = "ConsecutiveFailures",
                    Path = "/health/live",
                },
            },
            Destinations = options.CommandCenters
                .Select((url, i) => (url, i))
                .ToDictionary(d => $"node-{d.i + 1}", d => new DestinationConfig { Address = d.url }, StringComparer.Ordinal),
        },
    ];
}
