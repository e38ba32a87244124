namespace StoreSales.Domain.Pacing;

/// <summary>
/// Splits a month's target into days by the pacing profile's day weights, and computes what is expected
/// to be sold by a given local moment of the day and of the month. With <see cref="StoreClosures"/> the closed spans
/// carry no weight: the month's target is spread over the hours the store is really open (docs/domain.md "Store events").
/// </summary>
public static class TargetPacing
{
    /// <summary>The share of <paramref name="monthTarget"/> that falls on <paramref name="day"/>.</summary>
    public static decimal DayTarget(decimal monthTarget, DateOnly day, PacingProfile profile)
    {
        var first = new DateOnly(day.Year, day.Month, 1);
        var days = DateTime.DaysInMonth(day.Year, day.Month);
        var total = 0m;
        for (var i = 0; i < days; i++)
        {
            total += profile.DayWeight(first.AddDays(i).DayOfWeek);
        }

        return total == 0 ? 0 : monthTarget * profile.DayWeight(day.DayOfWeek) / total;
    }

    /// <summary>Expected sales of the day by <paramref name="localNow"/>.</summary>
    public static decimal ExpectedForDay(decimal dayTarget, DateTime localNow, PacingProfile profile) =>
        dayTarget * profile.ShareOfDayBy(localNow.DayOfWeek, TimeOnly.FromDateTime(localNow));

    /// <summary>Expected sales of the month by <paramref name="localNow"/>: the whole days before today plus today's pace.</summary>
    public static decimal ExpectedForMonth(decimal monthTarget, DateTime localNow, PacingProfile profile)
    {
        var today = DateOnly.FromDateTime(localNow);
        var expected = 0m;
        for (var day = new DateOnly(today.Year, today.Month, 1); day < today; day = day.AddDays(1))
        {
            expected += DayTarget(monthTarget, day, profile);
        }

        return expected + ExpectedForDay(DayTarget(monthTarget, today, profile), localNow, profile);
    }

    /// <summary>
    /// What each hour of <paramref name="day"/> is expected to sell (24 amounts, store-local hours): the day's target
    /// spread by the profile's hour-of-day weights for that day of the week. They add up to the day target.
    /// </summary>
    public static IReadOnlyList<decimal> ExpectedByHour(decimal dayTarget, DateOnly day, PacingProfile profile) =>
        Enumerable.Range(0, 24).Select(hour => dayTarget * profile.ShareOfHour(day.DayOfWeek, hour)).ToArray();

    /// <summary>
    /// The share of <paramref name="monthTarget"/> that falls on <paramref name="day"/> when the store is closed in
    /// <paramref name="closures"/>: each day weighs its profile weight times the share of its usual sales that fall in
    /// open hours. A day closed throughout gets nothing; the rest of the month carries the whole target.
    /// </summary>
    public static decimal DayTarget(decimal monthTarget, DateOnly day, PacingProfile profile, StoreClosures closures)
    {
        if (closures.IsEmpty)
        {
            return DayTarget(monthTarget, day, profile);
        }

        var total = MonthOpenWeight(day, profile, closures);
        return total == 0 ? 0 : monthTarget * OpenWeight(day, profile, closures) / total;
    }

    /// <summary>Expected sales of the day by <paramref name="localNow"/>: closed spans of the day expect nothing.</summary>
    public static decimal ExpectedForDay(decimal dayTarget, DateTime localNow, PacingProfile profile, StoreClosures closures)
    {
        if (closures.IsEmpty)
        {
            return ExpectedForDay(dayTarget, localNow, profile);
        }

        var day = DateOnly.FromDateTime(localNow);
        var open = OpenShare(day, profile, closures, null);
        return open == 0 ? 0 : dayTarget * Math.Min(1m, OpenShare(day, profile, closures, localNow) / open);
    }

    /// <summary>Expected sales of the month by <paramref name="localNow"/>, the month's target spread over its open hours.</summary>
    public static decimal ExpectedForMonth(decimal monthTarget, DateTime localNow, PacingProfile profile, StoreClosures closures)
    {
        if (closures.IsEmpty)
        {
            return ExpectedForMonth(monthTarget, localNow, profile);
        }

        var today = DateOnly.FromDateTime(localNow);
        var total = MonthOpenWeight(today, profile, closures);
        if (total == 0)
        {
            return 0;
        }

        var done = 0m;
        for (var day = new DateOnly(today.Year, today.Month, 1); day < today; day = day.AddDays(1))
        {
            done += OpenWeight(day, profile, closures);
        }

        done += profile.DayWeight(today.DayOfWeek) * OpenShare(today, profile, closures, localNow);
        return monthTarget * Math.Min(1m, done / total);
    }

    /// <summary>What each local hour of <paramref name="day"/> is expected to sell, closed spans nothing; they add up to the day target.</summary>
    public static IReadOnlyList<decimal> ExpectedByHour(decimal dayTarget, DateOnly day, PacingProfile profile, StoreClosures closures)
    {
        if (closures.IsEmpty)
        {
            return ExpectedByHour(dayTarget, day, profile);
        }

        var open = OpenShare(day, profile, closures, null);
        return Enumerable.Range(0, 24)
            .Select(hour => open == 0 ? 0 : dayTarget * profile.ShareOfHour(day.DayOfWeek, hour) * closures.OpenFraction(day, hour) / open)
            .ToArray();
    }

    private static decimal MonthOpenWeight(DateOnly anyDay, PacingProfile profile, StoreClosures closures)
    {
        var first = new DateOnly(anyDay.Year, anyDay.Month, 1);
        var total = 0m;
        for (var i = 0; i < DateTime.DaysInMonth(anyDay.Year, anyDay.Month); i++)
        {
            total += OpenWeight(first.AddDays(i), profile, closures);
        }

        return total;
    }

    /// <summary>The day's weight in the month: its profile weight times the share of its usual sales in open hours.</summary>
    private static decimal OpenWeight(DateOnly day, PacingProfile profile, StoreClosures closures) =>
        profile.DayWeight(day.DayOfWeek) * OpenShare(day, profile, closures, null);

    /// <summary>The share (0–1) of a normal day's sales that falls in the day's open time, up to <paramref name="by"/> when given.</summary>
    private static decimal OpenShare(DateOnly day, PacingProfile profile, StoreClosures closures, DateTime? by)
    {
        var share = 0m;
        var lastHour = by is { } b ? b.Hour : 23;
        for (var hour = 0; hour <= lastHour; hour++)
        {
            TimeSpan? until = by is { } t && hour == t.Hour ? t.TimeOfDay - TimeSpan.FromHours(hour) : null;
            share += profile.ShareOfHour(day.DayOfWeek, hour) * closures.OpenFraction(day, hour, until);
        }

        return share;
    }
}
