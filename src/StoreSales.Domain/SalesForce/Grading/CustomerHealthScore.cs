namespace StoreSales.Domain.SalesForce.Grading;

/// <summary>
/// A customer's health, 0–100, and when its fall alerts the owner. Rule and formula in docs/domain.md ("The sales force"):
/// <code>
/// frequency = min(1, interactions / InteractionsForFullMarks)
/// response  = 1 when no answer was owed or the average ≤ GoodResponse, 0 at or over PoorResponse, linear between
/// trend     = current / (current + previous), amounts below zero counted as zero; 0.5 when both are zero
/// score     = round(100 × (wF·frequency + wR·response + wT·trend) / (wF + wR + wT)), half away from zero
/// </code>
/// Each part lies in [0, 1] and the weights are not negative, so the score lies in [0, 100]. It never falls when
/// interactions or the current amount rise, nor when the response time or the previous amount fall (rounding
/// keeps that order). The trend is a share, not a ratio: doubling the orders gives 0.67, halving them 0.33,
/// stopping 0, and a first order after nothing 1, without an infinite ratio to cap.
/// </summary>
public static class CustomerHealthScore
{
    public static int Score(CustomerHealthInputs inputs, CustomerHealthOptions options)
    {
        var frequency = Math.Min(1m, Math.Max(0, inputs.Interactions) / (decimal)options.InteractionsForFullMarks);
        var response = Response(inputs.AverageResponse, options);
        var current = Math.Max(0m, inputs.OrderAmount);
        var previous = Math.Max(0m, inputs.PreviousOrderAmount);
        var trend = current + previous == 0 ? 0.5m : current / (current + previous);

        var weights = options.FrequencyWeight + options.ResponseWeight + options.TrendWeight;
        var weighted = (options.FrequencyWeight * frequency) + (options.ResponseWeight * response) + (options.TrendWeight * trend);
        return (int)Math.Round(100m * weighted / weights, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Whether a new score alerts the owner: it fell from <see cref="CustomerHealthOptions.AlertBelow"/> or above
    /// to below it, or by at least <see cref="CustomerHealthOptions.AlertOnDropOf"/> points since the last score.
    /// A first score (no previous) never alerts: there is no fall to speak of.
    /// </summary>
    public static bool HasDropped(int? previous, int current, CustomerHealthOptions options) =>
        previous is { } before
        && ((before >= options.AlertBelow && current < options.AlertBelow)
            || (options.AlertOnDropOf > 0 && before - current >= options.AlertOnDropOf));

    private static decimal Response(TimeSpan? average, CustomerHealthOptions options)
    {
        if (average is not { } took || took <= options.GoodResponse)
        {
            return 1m;
        }

        if (took >= options.PoorResponse)
        {
            return 0m;
        }

        return (decimal)(options.PoorResponse - took).Ticks / (options.PoorResponse - options.GoodResponse).Ticks;
    }
}
