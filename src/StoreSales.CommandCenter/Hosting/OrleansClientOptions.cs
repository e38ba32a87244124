namespace StoreSales.CommandCenter.Hosting;

/// <summary>
/// The command center as a client of the Orleans cluster (section <c>Orleans</c> of the command center), bound strictly:
/// a misspelt key stops the host instead of leaving a default in force.
/// </summary>
public sealed class OrleansClientOptions
{
    public const string SectionName = "Orleans";

    /// <summary>The cluster's id; the same as the silos'. Default <c>storesales-local</c>.</summary>
    public string ClusterId { get; set; } = "storesales-local";

    /// <summary>The service's id; the same as the silos'. Default <c>storesales</c>.</summary>
    public string ServiceId { get; set; } = "storesales";

    /// <summary>Whether the command center serves the Orleans Dashboard to admins (<see cref="OrleansDashboardSetup"/>). Default true.</summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>
    /// How soon this host connects to a silo that joined after it started. Boards hear a store only through a silo this host
    /// is connected to: after the silos it knew have died, a newly started one is all there is. Orleans' own default is a
    /// minute; the query is one read of the membership table. Default 5 seconds.
    /// </summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Null when the settings are usable, otherwise what is wrong.</summary>
    public string? Validate() =>
        string.IsNullOrWhiteSpace(ClusterId) ? "ClusterId is required (the silos' Orleans:ClusterId)."
        : string.IsNullOrWhiteSpace(ServiceId) ? "ServiceId is required (the silos' Orleans:ServiceId)."
        : GatewayListRefreshPeriod <= TimeSpan.Zero ? $"GatewayListRefreshPeriod must be positive (is {GatewayListRefreshPeriod})."
        : null;
}
