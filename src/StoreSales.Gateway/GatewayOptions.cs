namespace StoreSales.Gateway;

/// <summary>
/// The gateway's settings (section <c>Gateway</c>), bound strictly: a misspelt key stops the gateway at start.
/// </summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>
    /// The command-center nodes behind the gateway (absolute http or https URLs, e.g. <c>http://127.0.0.1:5081</c>).
    /// Required: at least one. <c>deploy/local/up.sh --command-centers M</c> passes them as <c>Gateway:CommandCenters:i</c>.
    /// </summary>
    public List<string> CommandCenters { get; set; } = [];

    /// <summary>
    /// The cookie that pins a browser to its command-center node: a Blazor Server circuit and a SignalR connection live in
    /// one node's memory, so every request of a browser must reach the node that holds them. Default <c>.StoreSales.Node</c>.
    /// </summary>
    public string AffinityCookie { get; set; } = ".StoreSales.Node";

    /// <summary>
    /// How often the gateway asks each node's <c>/health/live</c>; a node that fails it gets no new browsers until it
    /// answers again, and the browsers pinned to it are sent to another node. Default 5 s.
    /// </summary>
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one health probe may take before it counts as failed. Default 2 s.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The first problem found, or null when the settings are usable.</summary>
    public string? Validate()
    {
        if (CommandCenters.Count == 0)
        {
            return $"{SectionName}:{nameof(CommandCenters)} must name at least one command-center URL (e.g. {SectionName}:{nameof(CommandCenters)}:0=http://127.0.0.1:5081).";
        }

        foreach (var (url, i) in CommandCenters.Select((u, i) => (u, i)))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return $"{SectionName}:{nameof(CommandCenters)}:{i} must be an absolute http or https URL; was '{url}'.";
            }
        }

        if (CommandCenters.Distinct(StringComparer.OrdinalIgnoreCase).Count() != CommandCenters.Count)
        {
            return $"{SectionName}:{nameof(CommandCenters)} names a node twice.";
        }

        if (string.IsNullOrWhiteSpace(AffinityCookie))
        {
            return $"{SectionName}:{nameof(AffinityCookie)} must not be empty.";
        }

        if (HealthCheckInterval <= TimeSpan.Zero || HealthCheckTimeout <= TimeSpan.Zero || HealthCheckTimeout > HealthCheckInterval)
        {
            return $"{SectionName}:{nameof(HealthCheckInterval)} and {nameof(HealthCheckTimeout)} must be positive, the timeout at most the interval.";
        }

        return null;
    }
}
