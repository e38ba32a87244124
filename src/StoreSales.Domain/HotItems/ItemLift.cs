namespace StoreSales.Domain.HotItems;

/// <summary>
/// An item's sales in a window against its usual sales in the same window (same store, weekday and time of day).
/// <see cref="Lift"/> above 1 means it sells faster than usual; <see cref="IsHot"/> says whether the rule calls it hot.
/// </summary>
public sealed record ItemLift(decimal Units, decimal UsualUnits, decimal Lift, bool IsHot)
{
    /// <summary>
    /// The hot-item rule: lift = (units + prior) / (usual units + prior), both over the same window; hot when the
    /// item sold at least <see cref="HotItemOptions.MinimumUnits"/> and its lift reaches
    /// <see cref="HotItemOptions.HotLift"/>. The prior keeps an item without history finite, and pulls small
    /// counts towards 1, where one extra sale would otherwise double the lift.
    /// </summary>
    public static ItemLift Of(decimal units, decimal usualUnits, HotItemOptions options)
    {
        var usual = Math.Max(0, usualUnits);
        var smoothed = Math.Max(0, units + options.PriorUnits);
        var lift = Math.Round(smoothed / (usual + options.PriorUnits), 4, MidpointRounding.AwayFromZero);
        return new ItemLift(units, usual, lift, units >= options.MinimumUnits && lift >= options.HotLift);
    }

    /// <summary>
    /// The same rule from velocities: units sold in <paramref name="window"/> against the usual units per hour,
    /// scaled to the window's length (a 15-minute window usually sees a quarter of the hour's units).
    /// </summary>
    public static ItemLift Of(decimal units, decimal usualUnitsPerHour, TimeSpan window, HotItemOptions options) =>
        Of(units, usualUnitsPerHour * (decimal)window.TotalHours, options);

    /// <summary>
    /// Hot-list order: items with enough units to be called hot first, then by lift, then by units, then by code
    /// (stable for equal figures). A single sale of a new item therefore never outranks a real run on a staple.
    /// </summary>
    public static int CompareHottestFirst(ItemLift a, ItemLift b, HotItemOptions options)
    {
        var enough = (b.Units >= options.MinimumUnits).CompareTo(a.Units >= options.MinimumUnits);
        if (enough != 0)
        {
            return enough;
        }

        var lift = b.Lift.CompareTo(a.Lift);
        return lift != 0 ? lift : b.Units.CompareTo(a.Units);
    }
}
