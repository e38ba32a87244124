namespace StoreSales.Grains.Customers;

/// <summary>
/// How the customer grains pace their timers and how much they keep. Bound from configuration section
/// <c>SalesForce:CustomerGrain</c>; keys and defaults in docs/domain.md ("The live customer").
/// </summary>
public sealed record CustomerGrainOptions
{
    public const string SectionName = "SalesForce:CustomerGrain";

    /// <summary>
    /// The golden-hours reminder's period while a lead is open: the lead is judged at least this often, so an overdue lead
    /// is raised at most this late. Default 1 minute (Orleans' smallest reminder period unless the silo lowers it).
    /// </summary>
    public TimeSpan GoldenHoursCheckPeriod { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The newest till purchases a customer grain keeps (its live state stays small). Default 20.</summary>
    public int RecentPurchases { get; init; } = 20;

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (GoldenHoursCheckPeriod < TimeSpan.FromSeconds(1) || GoldenHoursCheckPeriod > TimeSpan.FromHours(1))
        {
            return $"{SectionName}:{nameof(GoldenHoursCheckPeriod)} must be between 1 second and 1 hour (is {GoldenHoursCheckPeriod}).";
        }

        return RecentPurchases is < 1 or > 200
            ? $"{SectionName}:{nameof(RecentPurchases)} must be between 1 and 200 (is {RecentPurchases})."
            : null;
    }
}
