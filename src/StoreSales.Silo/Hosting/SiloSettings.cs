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
}
