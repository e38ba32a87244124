namespace StoreSales.Domain.Targets;

/// <summary>
/// The red/yellow/green rule of DOMAIN.md: d = (actual − expected) / expected; green |d| ≤ 5%,
/// yellow 5% &lt; |d| ≤ 15%, red |d| &gt; 15%; with a minimum expected amount before red, and hysteresis.
/// </summary>
public static class TargetStatusRule
{
    public static TargetStatus Evaluate(
        decimal actual,
        decimal expected,
        decimal periodTarget,
        TargetStatus? previous,
        TargetStatusOptions options)
    {
        if (expected <= 0 || expected < options.MinimumExpectedAmount)
        {
            return TargetStatus.Pending;
        }

        var deviation = (actual - expected) / expected;
        var magnitude = Math.Abs(deviation);
        var direction = deviation switch
        {
            < 0 when magnitude > options.GreenMaxDeviation => PaceDirection.Behind,
            > 0 when magnitude > options.GreenMaxDeviation => PaceDirection.Ahead,
            _ => PaceDirection.OnPace,
        };

        var band = WithHysteresis(magnitude, previous?.Band ?? TargetBand.Pending, options);

        var redAllowed = expected >= periodTarget * options.MinimumExpectedShareForRed;
        if (band == TargetBand.Red && !redAllowed)
        {
            band = TargetBand.Yellow;
        }

        return new TargetStatus(band, direction, deviation);
    }

    /// <summary>The band of a deviation magnitude with the plain edges, no memory.</summary>
    public static TargetBand BandOf(decimal magnitude, TargetStatusOptions options) =>
        magnitude <= options.GreenMaxDeviation ? TargetBand.Green
        : magnitude <= options.YellowMaxDeviation ? TargetBand.Yellow
        : TargetBand.Red;

    // Moving to a worse band needs the edge passed by the margin; moving to a better band needs the
    // magnitude back inside the edge by the margin. In between, the previous colour holds.
    private static TargetBand WithHysteresis(decimal magnitude, TargetBand previous, TargetStatusOptions options)
    {
        if (previous == TargetBand.Pending)
        {
            return BandOf(magnitude, options);
        }

        var worse = BandOf(Math.Max(0, magnitude - options.Hysteresis), options);
        if (worse > previous)
        {
            return worse;
        }

        var better = BandOf(magnitude + options.Hysteresis, options);
        return better < previous ? better : previous;
    }
}
