namespace StoreSales.Domain.Pacing;

/// <summary>
/// How a store's sales normally spread over the week: a weight per (day of week, hour of day), learned from
/// the store's own history. "Expected by 11:00" is the share of the day's weight that falls before 11:00,
/// so a store is compared with where it usually is at 11:00, not with 11/24 of the day.
/// Without history the profile is flat over opening hours (linear pacing).
/// </summary>
public sealed class PacingProfile
{
    private const int HoursPerDay = 24;
    private readonly decimal[] _weights; // [dayOfWeek * 24 + hour], raw amounts (or open minutes)
    private readonly decimal[] _dayTotals; // sum of each day's hourly weights
    private readonly decimal[] _dayWeights; // relative weight of each day of the week, mean 1

    private PacingProfile(decimal[] hourly, decimal[] dayTotals)
    {
        _weights = hourly;
        _dayWeights = dayTotals;
        _dayTotals = new decimal[7];
        for (var day = 0; day < 7; day++)
        {
            for (var hour = 0; hour < HoursPerDay; hour++)
            {
                _dayTotals[day] += hourly[(day * HoursPerDay) + hour];
            }
        }
    }

    /// <summary>Flat over the opening hours, every day the same weight.</summary>
    public static PacingProfile Linear(OpeningHours hours)
    {
        if (!hours.IsValid)
        {
            throw new ArgumentException("Opening hours must close after they open.", nameof(hours));
        }

        var hourly = new decimal[7 * HoursPerDay];
        for (var day = 0; day < 7; day++)
        {
            for (var hour = 0; hour < HoursPerDay; hour++)
            {
                hourly[(day * HoursPerDay) + hour] = OpenMinutesInHour(hours, hour);
            }
        }

        return new PacingProfile(hourly, Enumerable.Repeat(1m, 7).ToArray());
    }

    /// <summary>
    /// Learns the profile from sales history: amounts summed per (day of week, hour). Days of the week with
    /// no history fall back to the linear shape over <paramref name="hours"/> and the mean day weight.
    /// </summary>
    public static PacingProfile FromHistory(IEnumerable<HourlySales> history, OpeningHours hours)
    {
        var linear = Linear(hours);
        var hourly = new decimal[7 * HoursPerDay];
        foreach (var sales in history)
        {
            if (sales.Hour is < 0 or >= HoursPerDay || sales.Amount <= 0)
            {
                continue;
            }

            hourly[((int)sales.DayOfWeek * HoursPerDay) + sales.Hour] += sales.Amount;
        }

        var dayTotals = new decimal[7];
        for (var day = 0; day < 7; day++)
        {
            dayTotals[day] = hourly.AsSpan(day * HoursPerDay, HoursPerDay).ToArray().Sum();
        }

        var known = dayTotals.Where(t => t > 0).ToArray();
        if (known.Length == 0)
        {
            return linear;
        }

        var mean = known.Average();
        for (var day = 0; day < 7; day++)
        {
            if (dayTotals[day] == 0)
            {
                // Scale the linear shape to the mean day so its share of the week is average.
                for (var hour = 0; hour < HoursPerDay; hour++)
                {
                    hourly[(day * HoursPerDay) + hour] = linear._weights[(day * HoursPerDay) + hour] * mean / linear._dayTotals[day];
                }

                dayTotals[day] = mean;
            }
        }

        var dayWeights = dayTotals.Select(t => t / mean).ToArray();
        return new PacingProfile(hourly, dayWeights);
    }

    /// <summary>Share (0–1) of a normal day's sales done by <paramref name="time"/> on that day of the week.</summary>
    public decimal ShareOfDayBy(DayOfWeek day, TimeOnly time)
    {
        var offset = (int)day * HoursPerDay;
        var total = _dayTotals[(int)day];
        if (total == 0)
        {
            return 0;
        }

        var done = 0m;
        for (var hour = 0; hour < time.Hour; hour++)
        {
            done += _weights[offset + hour];
        }

        // Inside the current hour, assume an even spread. One division at the end keeps decimal exact.
        var secondsIntoHour = (time.Minute * 60) + time.Second;
        done += _weights[offset + time.Hour] * secondsIntoHour / 3600m;
        return Math.Min(1m, done / total);
    }

    /// <summary>Share (0–1) of a normal day's sales done within one hour (store-local) on that day of the week.</summary>
    public decimal ShareOfHour(DayOfWeek day, int hour)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hour, HoursPerDay - 1);
        var total = _dayTotals[(int)day];
        return total == 0 ? 0 : _weights[((int)day * HoursPerDay) + hour] / total;
    }

    /// <summary>Relative weight of a day of the week (1 = an average day).</summary>
    public decimal DayWeight(DayOfWeek day) => _dayWeights[(int)day];

    private static decimal OpenMinutesInHour(OpeningHours hours, int hour)
    {
        var start = new TimeSpan(hour, 0, 0);
        var end = start + TimeSpan.FromHours(1);
        var open = hours.Opens.ToTimeSpan();
        var close = hours.Closes.ToTimeSpan();
        var overlap = (end < close ? end : close) - (start > open ? start : open);
        return overlap > TimeSpan.Zero ? (decimal)overlap.TotalMinutes : 0m;
    }
}

/// <summary>Sales amount observed in one hour of one day of the week (summed over the history window).</summary>
public readonly record struct HourlySales(DayOfWeek DayOfWeek, int Hour, decimal Amount);
