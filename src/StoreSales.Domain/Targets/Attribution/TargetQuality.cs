namespace StoreSales.Domain.Targets.Attribution;

/// <summary>A store's final month: its target and what it sold.</summary>
public sealed record StoreMonthResult(string RegionId, string StoreId, DateOnly Month, decimal Target, decimal Actual);

/// <summary>A region's month: the mean absolute deviation of its stores' actuals from their targets (0.236 = ±23.6 %).</summary>
public sealed record RegionQualityPoint(DateOnly Month, int Stores, decimal MeanAbsoluteDeviation);

/// <summary>
/// Target quality (docs/domain.md, "Target quality"): how far final actuals landed from store targets, per region and
/// month. The mean over stores of |actual − target| / target; a store without a target (0) says nothing of the target's
/// quality and is left out. A falling line ("±23.6 % → ±6.2 %") is targets HQ can trust.
/// </summary>
public static class TargetQuality
{
    public static IReadOnlyDictionary<string, IReadOnlyList<RegionQualityPoint>> ByRegion(IEnumerable<StoreMonthResult> results) =>
        results
            .Where(r => r.Target > 0)
            .GroupBy(r => r.RegionId, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<RegionQualityPoint>)[.. g
                    .GroupBy(r => r.Month)
                    .OrderBy(m => m.Key)
                    .Select(m => new RegionQualityPoint(m.Key, m.Count(), Math.Round(m.Average(r => Math.Abs(r.Actual - r.Target) / r.Target), 4)))],
                StringComparer.Ordinal);
}
