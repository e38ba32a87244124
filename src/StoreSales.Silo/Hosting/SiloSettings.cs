namespace StoreSales.Silo.Hosting;

/// <summary>Orleans cluster settings (section <c>Orleans</c>).</summary>
public sealed class SiloSettings
{
    public const string SectionName = "Orleans";

    public string ClusterId { get; set; } = "storesales-local";

    public string ServiceId { get; set; } = "storesales";

    /// <summary>The address other silos and clients reach this silo on.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The shortest reminder period Orleans accepts. Default 1 minute (Orleans' own); a test silo lowers it to watch the
    /// golden-hours and sweep reminders fire in seconds.
    /// </summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether this silo feeds the Orleans Dashboard (its grain service and per-call profiler). Default on: the command
    /// center serves the dashboard to admins and has nothing to show from a silo without it.
    /// </summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>
    /// Whether the silo runs in a Kubernetes pod (Orleans.Hosting.Kubernetes): it advertises the pod's IP (POD_IP), listens
    /// on every address, names itself after the pod and watches the pods of its cluster. Default off, so a silo on a
    /// plain machine (up.sh, systemd) is unchanged; deploy/k8s turns it on.
    /// </summary>
    public bool KubernetesHosting { get; set; }

    /// <summary>The keys of <c>Orleans</c> another class binds: Orleans' own failure detection (<c>Orleans:Membership</c>).</summary>
    public static readonly string[] KeysOfOthers = ["Membership"];

    /// <summary>Why the settings cannot be used, or null.</summary>
    public string? Validate() =>
        string.IsNullOrWhiteSpace(ClusterId) ? $"{SectionName}:{nameof(ClusterId)} must not be empty."
        : string.IsNullOrWhiteSpace(ServiceId) ? $"{SectionName}:{nameof(ServiceId)} must not be empty."
        : !KubernetesHosting && !System.Net.IPAddress.TryParse(AdvertisedAddress, out _)
            ? $"{SectionName}:{nameof(AdvertisedAddress)} must be an IP address (is '{AdvertisedAddress}')."
        : SiloPort is < 1 or > 65535 ? $"{SectionName}:{nameof(SiloPort)} must be a port from 1 to 65535 (is {SiloPort})."
        : GatewayPort is < 1 or > 65535 ? $"{SectionName}:{nameof(GatewayPort)} must be a port from 1 to 65535 (is {GatewayPort})."
        : SiloPort == GatewayPort ? $"{SectionName}:{nameof(SiloPort)} and {nameof(GatewayPort)} must differ (both {SiloPort})."
        : MinimumReminderPeriod <= TimeSpan.Zero ? $"{SectionName}:{nameof(MinimumReminderPeriod)} must be positive (is {MinimumReminderPeriod})."
        : null;
}
