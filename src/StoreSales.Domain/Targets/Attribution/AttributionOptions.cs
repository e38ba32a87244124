namespace StoreSales.Domain.Targets.Attribution;

/// <summary>
/// The attribution report (目标达成归因报告): when it is generated and the thresholds by which a store's gap is split.
/// Bound from <c>Targets:Attribution</c>; keys and defaults in docs/domain.md ("Attribution report").
/// </summary>
public sealed record AttributionOptions
{
    public const string SectionName = "Targets:Attribution";

    /// <summary>Day of the month (chain time) on which the month before is reported. Default the 1st; at most the 5th, the day HQ reads it.</summary>
    public int GenerateOnDay { get; init; } = 1;

    /// <summary>Chain time of day from which the report is due: late uploads from store PCs have arrived by then. Default 02:00.</summary>
    public TimeOnly GenerateAt { get; init; } = new(2, 0);

    /// <summary>Weeks of sales before the month from which each store's pacing profile is learned. Default 8.</summary>
    public int ProfileWeeks { get; init; } = 8;

    /// <summary>A till offline for less than this (in opening hours) is a blip, not a management gap. Default 15 minutes.</summary>
    public TimeSpan OfflineMinimum { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// A correction that raised a store's target proved wrong when the store missed the corrected target by more than this
    /// share of it. Default 0.05 (the green band of Targets:Status).
    /// </summary>
    public decimal CalibrationTolerance { get; init; } = 0.05m;

    /// <summary>Months shown in the HQ page's target-quality line. Default 6.</summary>
    public int QualityMonths { get; init; } = 6;

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate() =>
        GenerateOnDay is < 1 or > 5 ? $"{SectionName}:{nameof(GenerateOnDay)} must be between 1 and 5: the report is read by the 5th (is {GenerateOnDay})."
        : ProfileWeeks is < 1 or > 53 ? $"{SectionName}:{nameof(ProfileWeeks)} must be between 1 and 53 (is {ProfileWeeks})."
        : OfflineMinimum < TimeSpan.Zero || OfflineMinimum > TimeSpan.FromDays(1) ? $"{SectionName}:{nameof(OfflineMinimum)} must be between 00:00:00 and 1.00:00:00 (is {OfflineMinimum})."
        : CalibrationTolerance is < 0m or >= 1m ? $"{SectionName}:{nameof(CalibrationTolerance)} must be at least 0 and below 1 (is {CalibrationTolerance})."
        : QualityMonths is < 2 or > 36 ? $"{SectionName}:{nameof(QualityMonths)} must be between 2 and 36 (is {QualityMonths})."
        : null;
}
