using StoreSales.Abstractions.Live;

namespace StoreSales.Grains.Live;

/// <summary>
/// One batch out of a batch a host did not get and the batch that follows it: a store, region or alert once, the later
/// state winning (a store's by <c>Version</c>, a customer's match status by <c>CheckedAt</c>); the re-read cues (reps, pool,
/// hand-overs, opportunities) all, each once; scans each once by their identity.
/// </summary>
internal static class LiveUpdateMerge
{
    public static LiveUpdateBatch Of(LiveUpdateBatch earlier, LiveUpdateBatch later) =>
        new(
            [.. earlier.Stores.Concat(later.Stores).GroupBy(s => s.StoreId, StringComparer.Ordinal).Select(g => g.OrderBy(s => s.Version).Last())],
            [.. earlier.Regions.Where(r => !later.Regions.Any(l => l.RegionId == r.RegionId)).Concat(later.Regions)],
            [.. earlier.Interventions.Where(i => !later.Interventions.Any(l => l.AlertId == i.AlertId)).Concat(later.Interventions)],
            [.. earlier.Reps.Union(later.Reps)],
            [.. earlier.Pool.Union(later.Pool)],
            [.. earlier.HandOvers.Concat(later.HandOvers)])
        {
            Opportunities = [.. earlier.Opportunities.Union(later.Opportunities)],
            Matches = [.. earlier.Matches.Concat(later.Matches).GroupBy(m => m.CustomerId, StringComparer.Ordinal).Select(g => g.OrderBy(m => m.CheckedAt).Last())],
            Scans = [.. earlier.Scans.Concat(later.Scans).DistinctBy(s => (s.StoreId, s.TerminalId, s.Sequence))],
        };

    public static bool IsEmpty(LiveUpdateBatch batch) =>
        batch.Stores.IsEmpty && batch.Regions.IsEmpty && batch.Interventions.IsEmpty && batch.Reps.IsEmpty
        && batch.Pool.IsEmpty && batch.HandOvers.IsEmpty && batch.Opportunities.IsEmpty && batch.Matches.IsEmpty && batch.Scans.IsEmpty;
}
