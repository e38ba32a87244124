namespace StoreSales.Domain.Targets.Attribution;

/// <summary>Whether a cause was outside the store's control (weather, outage, road works) or a management gap.</summary>
public enum CauseSide
{
    Objective = 0,
    Management = 1,
}

/// <summary>
/// One cause of a store's gap: what it was (<see cref="Kind"/>: an event kind, <see cref="GapCauses"/>), which record it
/// comes from, the opening hours it took, the sales it is estimated to have cost, and how much of the gap it explains
/// (the estimate, capped by what earlier causes left of the gap).
/// </summary>
public sealed record GapCause(CauseSide Side, string Kind, string Source, decimal Hours, decimal EstimatedCost, decimal Explained)
{
    /// <summary>
    /// The part of the cause's cost the target already allowed for (the applied decomposition priced the closure in):
    /// taken off <see cref="EstimatedCost"/> before it explains anything, and shown so the reader sees why.
    /// </summary>
    public decimal PricedIn { get; init; }
}

/// <summary>The kinds of cause that are not store-event kinds.</summary>
public static class GapCauses
{
    public const string PromotionShortfall = "promotion-shortfall";
    public const string RedInterventionOverdue = "red-intervention-overdue";
    public const string TillOffline = "till-offline";
    public const string CalibrationProvedWrong = "calibration-proved-wrong";
}
