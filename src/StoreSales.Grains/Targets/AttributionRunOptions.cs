namespace StoreSales.Grains.Targets;

/// <summary>
/// How the silo runs the attribution report (section <c>Targets:AttributionRun</c>; what is reported and when is
/// <c>Targets:Attribution</c>). Keys and defaults in docs/domain.md ("Attribution report").
/// </summary>
public sealed record AttributionRunOptions
{
    public const string SectionName = "Targets:AttributionRun";

    /// <summary>Whether this silo schedules the report at all. Default true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How often the reminder looks at the clock. Default 10 minutes: a report due at 02:00 is there by 02:10.</summary>
    public TimeSpan CheckEvery { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate() =>
        CheckEvery < TimeSpan.FromSeconds(1) || CheckEvery > TimeSpan.FromHours(6)
            ? $"{SectionName}:{nameof(CheckEvery)} must be between 00:00:01 and 06:00:00 (is {CheckEvery})."
            : null;
}
