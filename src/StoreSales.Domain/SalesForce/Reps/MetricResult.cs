namespace StoreSales.Domain.SalesForce.Reps;

/// <summary>One measure of process health.</summary>
/// <param name="Metric">Which measure.</param>
/// <param name="Done">How many met the rule (leads answered in time, follow-ups closed, complete profiles).</param>
/// <param name="Due">How many were measured.</param>
/// <param name="Share">Done / due; null when nothing was due.</param>
/// <param name="Target">The share to reach.</param>
/// <param name="Verdict">Met, missed, or nothing to measure.</param>
public sealed record MetricResult(ProcessMetric Metric, int Done, int Due, decimal? Share, decimal Target, MetricVerdict Verdict);
