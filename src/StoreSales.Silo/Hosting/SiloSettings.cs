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
}
