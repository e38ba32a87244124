namespace StoreSales.Domain.HotItems;

/// <summary>
/// What a store usually sells of each item per hour in one hour of the week (store-local), learned from the same
/// weekday and hour in previous weeks. Items it never sold then have a usual velocity of 0 (the lift's prior
/// keeps them finite).
/// </summary>
public sealed class UsualVelocity
{
    private readonly Dictionary<string, decimal> _unitsPerHour;

    private UsualVelocity(DateTime hourStart, int weeksObserved, Dictionary<string, decimal> unitsPerHour)
    {
        HourStart = hourStart;
        WeeksObserved = weeksObserved;
        _unitsPerHour = unitsPerHour;
    }

    /// <summary>The store-local hour this baseline is for (e.g. Wednesday 15:00–16:00).</summary>
    public DateTime HourStart { get; }

    /// <summary>How many of the previous weeks had sales in that hour: 0 means the store has no history for it.</summary>
    public int WeeksObserved { get; }

    public int ItemCount => _unitsPerHour.Count;

    /// <summary>No history: every item's usual velocity is 0.</summary>
    public static UsualVelocity None(DateTime localNow) => new(HourOf(localNow), 0, new(StringComparer.Ordinal));

    /// <summary>
    /// Averages each item's units sold in the hour over the weeks that had any sales in it. Weeks without a single
    /// sale then (the store was not open yet, or closed that day) are left out rather than counted as zero, so a
    /// new store's usual is not diluted by weeks it did not exist.
    /// </summary>
    public static UsualVelocity FromHistory(DateTime localHourStart, IEnumerable<(string ItemCode, decimal Units)> unitsOverWeeks, int weeksObserved)
    {
        var perHour = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (item, units) in unitsOverWeeks)
        {
            perHour[item] = perHour.GetValueOrDefault(item) + units;
        }

        foreach (var item in perHour.Keys.ToList())
        {
            perHour[item] = Average(perHour[item], weeksObserved);
        }

        return new UsualVelocity(HourOf(localHourStart), weeksObserved, perHour);
    }

    /// <summary>Units summed over the observed weeks, per week: the usual units of one window. 0 without history.</summary>
    public static decimal Average(decimal unitsOverWeeks, int weeksObserved) =>
        weeksObserved <= 0 ? 0m : Math.Max(0, unitsOverWeeks) / weeksObserved;

    /// <summary>The start of the hour a store-local time falls in.</summary>
    public static DateTime HourOf(DateTime local) => new(local.Year, local.Month, local.Day, local.Hour, 0, 0, DateTimeKind.Unspecified);

    /// <summary>Usual units per hour of an item; 0 when the store did not sell it in this hour before.</summary>
    public decimal UnitsPerHour(string itemCode) => _unitsPerHour.GetValueOrDefault(itemCode);

    /// <summary>Whether this baseline still applies at a store-local time, or the hour has moved on and it must be reloaded.</summary>
    public bool Covers(DateTime localNow) => localNow >= HourStart && localNow < HourStart.AddHours(1);
}
