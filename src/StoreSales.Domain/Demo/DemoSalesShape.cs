using StoreSales.Domain.Pacing;

namespace StoreSales.Domain.Demo;

/// <summary>
/// How much a demo store sells in each hour: its monthly target spread over the days (weekends busier) and over the
/// opening hours (lunch and evening peaks), times the store's pace. The demo history is written with this shape and the
/// simulated tills sell at its rate, so the pacing profile learned from the history is the shape the live sales follow,
/// and a store's live deviation from its expected amount is its pace, whatever the hour.
/// </summary>
public static class DemoSalesShape
{
    // Five weekdays and two weekend days average exactly 1.
    private const decimal WeekdayWeight = 0.92m;
    private const decimal WeekendWeight = 1.2m;

    /// <summary>Relative weight of a day of the week (1 = an average day).</summary>
    public static decimal DayWeight(DayOfWeek day) => day is DayOfWeek.Saturday or DayOfWeek.Sunday ? WeekendWeight : WeekdayWeight;

    /// <summary>Relative busyness of an hour of the day while open: lunch and after-work peaks.</summary>
    public static decimal HourWeight(int hour) => hour switch
    {
        11 or 12 => 2.0m,
        17 or 18 or 19 => 2.5m,
        _ => 1.0m,
    };

    /// <summary>Share (0–1) of the local hour starting at <paramref name="hour"/> in which the store is open.</summary>
    public static decimal OpenShare(OpeningHours hours, int hour)
    {
        var from = Math.Max(hour * 60, (hours.Opens.Hour * 60) + hours.Opens.Minute);
        var to = Math.Min((hour + 1) * 60, (hours.Closes.Hour * 60) + hours.Closes.Minute);
        return to <= from ? 0m : (to - from) / 60m;
    }

    /// <summary>
    /// What the store sells in a day at its pace: the monthly target split by day weight over the days of that month,
    /// as the server splits it (TargetPacing.DayTarget), so a store at pace 1 meets each day's target exactly.
    /// </summary>
    public static decimal DayAmount(DemoStoreProfile store, DateOnly day)
    {
        var first = new DateOnly(day.Year, day.Month, 1);
        var monthWeight = Enumerable.Range(0, DateTime.DaysInMonth(day.Year, day.Month)).Sum(d => DayWeight(first.AddDays(d).DayOfWeek));
        return store.MonthlyTarget * DayWeight(day.DayOfWeek) / monthWeight * store.Pace;
    }

    /// <summary>
    /// Amount per hour while open at local <paramref name="hour"/> of <paramref name="day"/> (0 when closed). For an hour
    /// the store is open only part of, this is the rate during the open part.
    /// </summary>
    public static decimal HourlyRate(DemoStoreProfile store, DateOnly day, int hour)
    {
        if (OpenShare(store.Hours, hour) == 0m)
        {
            return 0m;
        }

        var openWeight = Enumerable.Range(0, 24).Sum(h => HourWeight(h) * OpenShare(store.Hours, h));
        return DayAmount(store, day) * HourWeight(hour) / openWeight;
    }

    /// <summary>Amount sold within the local hour (the rate times the open share of the hour); the hours of a day add up to <see cref="DayAmount"/>.</summary>
    public static decimal HourAmount(DemoStoreProfile store, DateOnly day, int hour) =>
        HourlyRate(store, day, hour) * OpenShare(store.Hours, hour);

    /// <summary>The amount-per-hour rate at a moment, in the store's zone: 0 while closed.</summary>
    public static decimal RateAt(DemoStoreProfile store, DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, store.TimeZone);
        return store.Hours.IsOpenAt(TimeOnly.FromDateTime(local.DateTime))
            ? HourlyRate(store, DateOnly.FromDateTime(local.DateTime), local.Hour)
            : 0m;
    }

    /// <summary>The next moment at or after <paramref name="at"/> when the store is open.</summary>
    public static DateTimeOffset NextOpening(DemoStoreProfile store, DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, store.TimeZone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (store.Hours.IsOpenAt(time))
        {
            return at;
        }

        var day = DateOnly.FromDateTime(local.DateTime);
        var opening = time < store.Hours.Opens ? day.ToDateTime(store.Hours.Opens) : day.AddDays(1).ToDateTime(store.Hours.Opens);
        return new DateTimeOffset(opening, store.TimeZone.GetUtcOffset(opening));
    }
}
