using StoreSales.Domain.Pacing;

namespace StoreSales.Domain.Targets.Changes;

/// <summary>One day of a month's target as the store's pace spreads it.</summary>
public readonly record struct DayTarget(DateOnly Day, decimal Amount);

/// <summary>
/// A month's target split into days by the store's pacing profile (<see cref="TargetPacing.DayTarget"/>), in cents that
/// add up to the month's target exactly: each day is rounded down to the cent and the cents left over go to the days
/// that lost the most in rounding (earlier day first on a tie), so what a page lists sums to what was set. A region's
/// month is split on its stores' days added up (<see cref="Apportion"/>), with the same rounding.
/// </summary>
public static class DailySplit
{
    public static IReadOnlyList<DayTarget> Of(decimal monthTarget, DateOnly month, PacingProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var first = TargetMonth.Of(month);
        var days = DateTime.DaysInMonth(first.Year, first.Month);
        var exact = Enumerable.Range(0, days).Select(i => TargetPacing.DayTarget(monthTarget, first.AddDays(i), profile)).ToArray();
        return InCents(monthTarget, first, exact);
    }

    /// <summary>
    /// <paramref name="monthTarget"/> spread over the month's days in proportion to <paramref name="weights"/> (e.g. the
    /// daily splits of a region's stores, added up per day); a day missing from the weights weighs nothing, and a month
    /// whose weights are all zero is spread evenly.
    /// </summary>
    public static IReadOnlyList<DayTarget> Apportion(decimal monthTarget, DateOnly month, IEnumerable<DayTarget> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var first = TargetMonth.Of(month);
        var days = DateTime.DaysInMonth(first.Year, first.Month);
        var weight = new decimal[days];
        foreach (var day in weights.Where(w => w.Day.Year == first.Year && w.Day.Month == first.Month))
        {
            weight[day.Day.Day - 1] += Math.Max(0m, day.Amount);
        }

        var total = weight.Sum();
        var exact = total == 0m
            ? [.. Enumerable.Repeat(monthTarget / days, days)]
            : weight.Select(w => monthTarget * (w / total)).ToArray();
        return InCents(monthTarget, first, exact);
    }

    private static DayTarget[] InCents(decimal monthTarget, DateOnly first, decimal[] exact)
    {
        var days = exact.Length;
        var cents = exact.Select(a => Math.Floor(a * 100m) / 100m).ToArray();
        var left = (int)Math.Round((Math.Round(monthTarget, 2) - cents.Sum()) * 100m);
        // Only when the profile gives the month no weight at all is more than a cent a day left: spread it evenly first.
        var each = left / days;
        if (each > 0)
        {
            cents = [.. cents.Select(c => c + (each / 100m))];
            left -= each * days;
        }

        foreach (var i in Enumerable.Range(0, days).OrderByDescending(i => exact[i] - cents[i]).ThenBy(i => i).Take(Math.Max(0, left)))
        {
            cents[i] += 0.01m;
        }

        return [.. cents.Select((amount, i) => new DayTarget(first.AddDays(i), amount))];
    }
}
