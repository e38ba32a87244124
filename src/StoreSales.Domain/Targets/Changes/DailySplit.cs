using StoreSales.Domain.Pacing;

namespace StoreSales.Domain.Targets.Changes;

/// <summary>One day of a month's target as the store's pace spreads it.</summary>
public readonly record struct DayTarget(DateOnly Day, decimal Amount);

/// <summary>
/// A month's target split into days by the store's pacing profile (<see cref="TargetPacing.DayTarget"/>), in cents that
/// add up to the month's target exactly: each day is rounded down to the cent and the cents left over go to the days
/// that lost the most in rounding (earlier day first on a tie), so what a page lists sums to what was set.
/// </summary>
public static class DailySplit
{
    public static IReadOnlyList<DayTarget> Of(decimal monthTarget, DateOnly month, PacingProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var first = TargetMonth.Of(month);
        var days = DateTime.DaysInMonth(first.Year, first.Month);
        var exact = Enumerable.Range(0, days).Select(i => TargetPacing.DayTarget(monthTarget, first.AddDays(i), profile)).ToArray();
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
