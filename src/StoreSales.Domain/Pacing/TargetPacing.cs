namespace StoreSales.Domain.Pacing;

/// <summary>
/// Splits a month's target into days by the pacing profile's day weights, and computes what is expected
/// to be sold by a given local moment of the day and of the month.
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
}
