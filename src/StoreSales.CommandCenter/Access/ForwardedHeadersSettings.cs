using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using StoreSales.Data;

namespace StoreSales.CommandCenter.Access;

/// <summary>
/// <c>ForwardedHeaders</c>: which proxies may say, in <c>X-Forwarded-For</c>, whose request they pass on. The door limits
/// (<c>Limits:SignInsPerAddress</c>, <c>Limits:HubConnectionsPerAddress</c>) count per client address, and behind a
/// gateway every browser arrives from the gateway's address: only a trusted proxy's header gives each browser its own.
/// A client that is not listed cannot choose the address it is counted under (its header is ignored).
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>The proxies on this machine (the gateway of deploy/local/up.sh): trusted when nothing is listed.</summary>
    public static readonly IReadOnlyList<string> ThisMachine = ["127.0.0.0/8", "::1"];

    /// <summary>
    /// Addresses (<c>10.0.4.2</c>) or networks (<c>10.0.4.0/24</c>) of the gateways that forward to this node. Empty (the
    /// default): this machine only (<see cref="ThisMachine"/>). When listed, exactly these are trusted: name this
    /// machine's too if a gateway runs here as well.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Why the settings cannot be used, or null.</summary>
    public string? Validate() =>
        TrustedProxies.FirstOrDefault(p => !IPAddress.TryParse(p, out _) && !System.Net.IPNetwork.TryParse(p, out _)) is { } wrong
            ? $"{SectionName}:{nameof(TrustedProxies)}: '{wrong}' is neither an address (10.0.4.2) nor a network (10.0.4.0/24)."
            : null;

    /// <summary>The framework's options: the client's address from <c>X-Forwarded-For</c>, believed from these proxies alone.</summary>
    public void ApplyTo(ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in TrustedProxies.Count == 0 ? ThisMachine : TrustedProxies)
        {
            if (IPAddress.TryParse(proxy, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
            }
        }
    }
}
