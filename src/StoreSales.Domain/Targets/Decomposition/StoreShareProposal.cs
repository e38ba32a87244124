namespace StoreSales.Domain.Targets.Decomposition;

/// <summary>Where a store's baseline came from.</summary>
public enum BaselineSource
{
    /// <summary>Its sales of the same month last year.</summary>
    LastYear = 0,

    /// <summary>A store without last year's month: its recent daily sales times the month's days.</summary>
    RecentRunRate = 1,

    /// <summary>A store with no sales at all yet: a share of the region's average baseline.</summary>
    RegionAverage = 2,
}

/// <summary>The factors of the split, in the order they are shown.</summary>
public static class DecompositionFactors
{
    public const string Trend = "trend";
    public const string InventoryTurnover = "inventory-turnover";
    public const string Promotions = "promotions";
    public const string Closures = "closures";

    public static readonly IReadOnlyList<string> All = [Trend, InventoryTurnover, Promotions, Closures];
}

/// <summary>One factor's effect on a store's indicated amount, in money; <paramref name="Known"/> false: no data, neutral.</summary>
public sealed record FactorEffect(string Factor, decimal Amount, bool Known);

/// <summary>
/// One store's proposed share: its baseline, each factor's effect, the indicated amount (baseline plus effects) and the
/// share of the region's target in proportion to the indicated amounts.
/// </summary>
public sealed record StoreShareProposal(
    string StoreId,
    BaselineSource Source,
    decimal Baseline,
    IReadOnlyList<FactorEffect> Factors,
    decimal Indicated,
    decimal Proposed);
