namespace StoreSales.Domain.Targets;

/// <summary>
/// Thresholds of the red/yellow/green rule. Bound from configuration section <c>Targets:Status</c>;
/// the defaults are the chain defaults of DOMAIN.md.
/// </summary>
public sealed record TargetStatusOptions
{
    public const string SectionName = "Targets:Status";

    /// <summary>|d| at or below this is green. Default 5%.</summary>
    public decimal GreenMaxDeviation { get; init; } = 0.05m;

    /// <summary>|d| at or below this (and above green) is yellow; above it red. Default 15%.</summary>
    public decimal YellowMaxDeviation { get; init; } = 0.15m;

    /// <summary>
    /// The status cannot turn red (nor raise a calibration flag) until this share of the period's target is
    /// expected: no alarms at 09:01 on a single sale. Default 10% of the target.
    /// </summary>
    public decimal MinimumExpectedShareForRed { get; init; } = 0.10m;

    /// <summary>Below this expected amount the period stays <see cref="TargetBand.Pending"/>. Default 0 (off).</summary>
    public decimal MinimumExpectedAmount { get; init; }

    /// <summary>
    /// A band edge must be crossed by this much (deviation points) before the colour changes, so a store
    /// hovering at an edge does not flap. Default 1 percentage point.
    /// </summary>
    public decimal Hysteresis { get; init; } = 0.01m;

    /// <summary>
    /// Describes the first invalid setting, or null when the options are usable. <paramref name="sectionName"/> names the
    /// section they were bound from (reps have their own, <c>SalesForce:Reps:Status</c>), so the message names the key.
    /// </summary>
    public string? Validate(string sectionName = SectionName)
    {
        if (GreenMaxDeviation <= 0)
        {
            return $"{sectionName}:{nameof(GreenMaxDeviation)} must be greater than 0 (is {GreenMaxDeviation}).";
        }

        if (YellowMaxDeviation <= GreenMaxDeviation)
        {
            return $"{sectionName}:{nameof(YellowMaxDeviation)} must be greater than {nameof(GreenMaxDeviation)} (is {YellowMaxDeviation}).";
        }

        if (MinimumExpectedShareForRed is < 0 or > 1)
        {
            return $"{sectionName}:{nameof(MinimumExpectedShareForRed)} must be between 0 and 1 (is {MinimumExpectedShareForRed}).";
        }

        if (MinimumExpectedAmount < 0)
        {
            return $"{sectionName}:{nameof(MinimumExpectedAmount)} must not be negative (is {MinimumExpectedAmount}).";
        }

        if (Hysteresis < 0 || Hysteresis >= GreenMaxDeviation)
        {
            return $"{sectionName}:{nameof(Hysteresis)} must be at least 0 and below {nameof(GreenMaxDeviation)} (is {Hysteresis}).";
        }

        return null;
    }
}
