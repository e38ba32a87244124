namespace StoreSales.Domain.Targets.Attribution;

/// <summary>
/// A region's month rolled up from its stores: target, actual and the net gap, and the shortfall of the stores that
/// missed split as their own gaps were (a store that beat its target does not hide one that missed).
/// </summary>
public sealed record RegionAttribution(string RegionId, int Stores, decimal Target, decimal Actual, decimal Shortfall, decimal Objective, decimal Management, decimal Unexplained)
{
    public decimal Gap => Target - Actual;

    public static IReadOnlyList<RegionAttribution> RollUp(IEnumerable<StoreAttribution> stores) =>
        [.. stores
            .GroupBy(s => s.RegionId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RegionAttribution(
                g.Key,
                g.Count(),
                g.Sum(s => s.Target),
                g.Sum(s => s.Actual),
                g.Sum(s => Math.Max(0m, s.Gap)),
                g.Sum(s => s.Objective),
                g.Sum(s => s.Management),
                g.Sum(s => s.Unexplained)))];
}
