namespace StoreSales.Domain.SalesForce.Reps;

/// <summary>A process-health measure against its target.</summary>
public enum MetricVerdict
{
    /// <summary>Nothing to measure this week (no lead, no follow-up due, no customer): neither met nor missed.</summary>
    NoData,

    /// <summary>At or above the target.</summary>
    Met,

    /// <summary>Below the target.</summary>
    Missed,
}
