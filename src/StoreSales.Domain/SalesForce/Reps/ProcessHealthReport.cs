using System.Collections.Immutable;

namespace StoreSales.Domain.SalesForce.Reps;

/// <summary>A rep's or a team's process health for one week: one result per measure, in <see cref="ProcessMetric"/> order.</summary>
public sealed record ProcessHealthReport(ImmutableArray<MetricResult> Metrics)
{
    /// <summary>The result of one measure.</summary>
    public MetricResult this[ProcessMetric metric] => Metrics.First(m => m.Metric == metric);

    /// <summary>Whether any measure missed its target.</summary>
    public bool MissedAny => Metrics.Any(m => m.Verdict == MetricVerdict.Missed);
}
