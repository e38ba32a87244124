namespace StoreSales.Grains.Grading;

/// <summary>
/// How the silo runs the nightly grading (section <c>SalesForce:GradingRun</c>; what is graded and when is
/// <c>SalesForce:Grading</c>). Keys and defaults in docs/domain.md ("RFM grade").
/// </summary>
public sealed record NightlyGradingOptions
{
    public const string SectionName = "SalesForce:GradingRun";

    /// <summary>Whether this silo schedules the nightly grading at all. Default true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How often the reminder looks at the clock. Default 1 minute (Orleans' shortest reminder period).</summary>
    public TimeSpan CheckEvery { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Drop alerts raised at once: a night can have thousands, and each wakes an intervention grain. Default 16.</summary>
    public int AlertConcurrency { get; init; } = 16;

    /// <summary>Drops read from PostgreSQL per page. Default 1000.</summary>
    public int AlertPageSize { get; init; } = 1000;

    /// <summary>Active customer grains told of their new grade at once after a night's run. Default 16.</summary>
    public int GradePushConcurrency { get; init; } = 16;

    /// <summary>
    /// How many days a night's grades are kept (<c>customer_grade</c>: a customer's health trend and the next night's
    /// previous scores); after each run the grades of dates more than this many days before it are deleted. Default 400:
    /// a year's trend and a month to spare.
    /// </summary>
    public int KeepGradesDays { get; init; } = 400;

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate() =>
        CheckEvery < TimeSpan.FromSeconds(1) || CheckEvery > TimeSpan.FromHours(1) ? $"{SectionName}:{nameof(CheckEvery)} must be between 00:00:01 and 01:00:00 (is {CheckEvery})."
        : AlertConcurrency is < 1 or > 256 ? $"{SectionName}:{nameof(AlertConcurrency)} must be between 1 and 256 (is {AlertConcurrency})."
        : AlertPageSize is < 1 or > 100_000 ? $"{SectionName}:{nameof(AlertPageSize)} must be between 1 and 100000 (is {AlertPageSize})."
        : GradePushConcurrency is < 1 or > 256 ? $"{SectionName}:{nameof(GradePushConcurrency)} must be between 1 and 256 (is {GradePushConcurrency})."
        // At least two: the next night measures its drops against the previous night's scores.
        : KeepGradesDays is < 2 or > 3660 ? $"{SectionName}:{nameof(KeepGradesDays)} must be between 2 and 3660 (is {KeepGradesDays})."
        : null;
}
