namespace StoreSales.Domain.Targets.Decomposition;

/// <summary>
/// Weights and caps of the store split (智能目标拆解). Bound from <c>Targets:Decomposition</c>; the defaults are
/// docs/domain.md's ("Decomposition"). Every effect is a share of the store's own baseline, capped, so that no single
/// factor can move a store far from what it really sold.
/// </summary>
public sealed record DecompositionOptions
{
    public const string SectionName = "Targets:Decomposition";

    /// <summary>How many weeks before the month (or before now, when the month has begun) make the recent trend. Default 8.</summary>
    public int TrendWeeks { get; init; } = 8;

    /// <summary>The part of the recent year-on-year change carried into the month. Default 0.5: half, the trend is noisy.</summary>
    public decimal TrendWeight { get; init; } = 0.5m;

    /// <summary>The trend's effect is held within ± this share of the baseline. Default 0.30.</summary>
    public decimal TrendCap { get; init; } = 0.30m;

    /// <summary>The part of a store's turnover above (below) the region's mean carried into its share. Default 0.10.</summary>
    public decimal TurnoverWeight { get; init; } = 0.10m;

    /// <summary>The turnover's effect is held within ± this share of the baseline. Default 0.05.</summary>
    public decimal TurnoverCap { get; init; } = 0.05m;

    /// <summary>The promotions' combined uplift is held at most this share of the baseline. Default 0.50.</summary>
    public decimal PromotionCap { get; init; } = 0.50m;

    /// <summary>The share of a closed opening hour's usual sales that is lost (not made up later). Default 1.0: all of it.</summary>
    public decimal ClosureLoss { get; init; } = 1.0m;

    /// <summary>
    /// A store that sold nothing in the same month last year and nothing in the recent weeks (a store not yet open)
    /// starts from this share of the region's average baseline. Default 1.0: an average store.
    /// </summary>
    public decimal NoHistoryShareOfRegionAverage { get; init; } = 1.0m;

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (TrendWeeks is < 1 or > 52)
        {
            return $"{SectionName}:{nameof(TrendWeeks)} must be between 1 and 52 (is {TrendWeeks}).";
        }

        foreach (var (name, value) in new[]
        {
            (nameof(TrendWeight), TrendWeight), (nameof(TrendCap), TrendCap), (nameof(TurnoverWeight), TurnoverWeight),
            (nameof(TurnoverCap), TurnoverCap), (nameof(PromotionCap), PromotionCap), (nameof(ClosureLoss), ClosureLoss),
        })
        {
            if (value is < 0 or > 1)
            {
                return $"{SectionName}:{name} must be between 0 and 1 (is {value}).";
            }
        }

        return NoHistoryShareOfRegionAverage is < 0 or > 2
            ? $"{SectionName}:{nameof(NoHistoryShareOfRegionAverage)} must be between 0 and 2 (is {NoHistoryShareOfRegionAverage})."
            : null;
    }
}
