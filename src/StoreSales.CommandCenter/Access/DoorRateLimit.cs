using System.Net;
using StoreSales.ServiceDefaults.Limits;

namespace StoreSales.CommandCenter.Access;

/// <summary>
/// The command center's anonymous doors, limited per client address: sign-in attempts (the sign-in page's form, the
/// sign-in API and a TV's board-token link; <c>Limits:SignInsPerAddress</c> per <c>Limits:SignInWindow</c>) and new
/// live-hub connections (<c>Limits:HubConnectionsPerAddress</c> per <c>Limits:HubConnectionWindow</c>). Nobody is known yet
/// at these doors, so the address is all there is to count against; a refusal is a 429 with Retry-After, counted under its
/// key like every other limit. Every other request is left to <see cref="PersonRateLimit"/>.
/// </summary>
public static class DoorRateLimit
{
    public static RateSubject? Of(HttpContext http, RequestLimitOptions limits)
    {
        var address = Address(http);
        if (IsSignIn(http.Request))
        {
            return new RateSubject(
                "sign-in:" + address,
                limits.SignInsPerAddress,
                limits.SignInWindow,
                $"{RequestLimitOptions.SectionName}:{nameof(RequestLimitOptions.SignInsPerAddress)}",
                $"address {address}");
        }

        return IsNewHubConnection(http.Request)
            ? new RateSubject(
                "hub:" + address,
                limits.HubConnectionsPerAddress,
                limits.HubConnectionWindow,
                $"{RequestLimitOptions.SectionName}:{nameof(RequestLimitOptions.HubConnectionsPerAddress)}",
                $"address {address}")
            : null;
    }

    private static bool IsSignIn(HttpRequest request) =>
        (HttpMethods.IsPost(request.Method) && (request.Path.Equals("/api/account/sign-in", StringComparison.OrdinalIgnoreCase)
                                                || request.Path.Equals("/account/login", StringComparison.OrdinalIgnoreCase)))
        || request.Path.Equals("/board/sign-in", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A negotiation, or a WebSocket opened without one (a client may skip negotiation); the requests of a connection
    /// already open carry its <c>id</c> and are not new.
    /// </summary>
    private static bool IsNewHubConnection(HttpRequest request) =>
        request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase)
        && (request.Path.Value!.EndsWith("/negotiate", StringComparison.OrdinalIgnoreCase)
            || (request.HttpContext.WebSockets.IsWebSocketRequest && !request.Query.ContainsKey("id")));

    /// <summary>IPv4 written as IPv4 even when the socket is dual-stack, so one client is one partition.</summary>
    private static string Address(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } ip
            ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString()
            : IPAddress.None.ToString();
}
