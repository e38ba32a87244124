namespace StoreSales.Domain.Demo;

/// <summary>
/// The demo chain's year before the live weeks: how a day sells against the store's usual day (<see cref="DemoSalesShape"/>)
/// through the seasons (Spring Festival in January, the Double 11 and year-end in November and December, quiet months after
/// them), during the chain's promotions and on the few days a store was closed. The generated history follows it and the
/// same promotions and closures are recorded as store events, so decomposition and attribution find causes in the data.
/// </summary>
public static class DemoSeasons
{
    // January … December, around 1 over the year.
    private static readonly decimal[] MonthFactors = [1.25m, 0.85m, 0.95m, 0.95m, 1.0m, 0.95m, 0.9m, 0.9m, 1.0m, 1.05m, 1.15m, 1.2m];

    /// <summary>The chain's promotions: the first Friday to Sunday of each quarter's second month, and 9–11 November.</summary>
    public const decimal PromotionUplift = 0.25m;

    public static decimal MonthFactor(int month) => MonthFactors[month - 1];

    public static bool IsPromotion(DateOnly day) =>
        (day.Month == 11 && day.Day is >= 9 and <= 11)
        || (day.Month % 3 == 2 && day.Day <= 9 && FirstFriday(day.Year, day.Month) is var friday && day >= friday && day <= friday.AddDays(2));

    /// <summary>Two days a store was closed (a storm, a refit), fixed per store so that each store's year is its own.</summary>
    public static bool IsClosed(string storeId, DateOnly day)
    {
        var seed = storeId.Aggregate(17, (hash, c) => unchecked((hash * 31) + c));
        var first = 40 + Math.Abs(seed % 150);
        return day.DayOfYear == first || day.DayOfYear == first + 97;
    }

    /// <summary>What the day sells against its usual day: 0 when closed, the season, plus the promotion's uplift.</summary>
    public static decimal DayFactor(string storeId, DateOnly day) =>
        IsClosed(storeId, day) ? 0m : MonthFactor(day.Month) * (IsPromotion(day) ? 1m + PromotionUplift : 1m);

    private static DateOnly FirstFriday(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)DayOfWeek.Friday - (int)first.DayOfWeek + 7) % 7);
    }
}
