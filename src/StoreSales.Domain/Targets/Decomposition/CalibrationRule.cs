namespace StoreSales.Domain.Targets.Decomposition;

/// <summary>
/// The calibration rules (docs/domain.md "Dual-track calibration"): a correction is an amount in whole cents, zero or more,
/// with at least one known reason, and a note when the reason is "other"; the applied split must add up to the region's
/// target to the cent.
/// </summary>
public static class CalibrationRule
{
    /// <summary>The problem with a region's monthly target as entered by HQ, or null: zero or more, in whole cents.</summary>
    public static string? CheckRegionAmount(decimal amount) =>
        amount < 0 || decimal.Round(amount, 2) != amount ? $"The region's target must be zero or more, in whole cents (is {amount})." : null;

    /// <summary>The first problem of a correction as (field, message), or null when it may be kept.</summary>
    public static (string Field, string Message)? CheckCorrection(decimal? amount, IReadOnlyList<string>? reasons, string? note)
    {
        if (amount is not { } value)
        {
            return ("amount", "The corrected amount is required.");
        }

        if (value < 0 || decimal.Round(value, 2) != value)
        {
            return ("amount", $"The corrected amount must be zero or more, in whole cents (is {value}).");
        }

        if (reasons is null || reasons.Count == 0)
        {
            return ("reasons", $"Tick at least one reason for the correction: {string.Join(", ", CalibrationReasons.All)}.");
        }

        if (reasons.FirstOrDefault(r => !CalibrationReasons.All.Contains(r, StringComparer.Ordinal)) is { } unknown)
        {
            return ("reasons", $"'{unknown}' is not a calibration reason; the reasons are {string.Join(", ", CalibrationReasons.All)}.");
        }

        return reasons.Contains(CalibrationReasons.Other, StringComparer.Ordinal) && string.IsNullOrWhiteSpace(note)
            ? ("note", "The reason 'other' needs a note saying what it is.")
            : null;
    }

    /// <summary>
    /// The stores' final amounts (the correction where there is one, else the proposal) minus the region's target: zero
    /// when the split may be applied.
    /// </summary>
    public static decimal Difference(decimal regionAmount, IEnumerable<decimal> finalAmounts) => finalAmounts.Sum() - regionAmount;
}
