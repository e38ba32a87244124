using StoreSales.Domain.Pacing;

namespace StoreSales.Domain.Targets.Attribution;

/// <summary>
/// What a store was expected to sell over any stretch of its month: the month's target spread by its pacing profile
/// (day weight × the hour's share of that day) over its opening hours, in store-local time. A closure that cost a
/// Saturday afternoon costs a Saturday afternoon's share of the target, not a flat 1/744 of it per hour.
/// </summary>
public sealed class MonthPace
{
    private readonly StoreMonthFacts _store;
    private readonly DateTime _monthStart;
    private readonly DateTime _monthEnd;
    private readonly decimal _monthWeight;

    public MonthPace(StoreMonthFacts store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _monthStart = store.Month.ToDateTime(TimeOnly.MinValue);
        _monthEnd = _monthStart.AddMonths(1);
        _monthWeight = Weigh(_monthStart, _monthEnd, []).Weight;
    }

    /// <summary>The month in UTC instants (store-local midnight of the 1st to that of the next month's 1st).</summary>
    public ClockSpan Month => new(ToInstant(_monthStart), ToInstant(_monthEnd));

    /// <summary>
    /// The opening hours of <paramref name="span"/> inside the month, outside every span of <paramref name="closed"/>, and
    /// the sales the target expected in them.
    /// </summary>
    public (decimal Hours, decimal Expected) Over(ClockSpan span, IReadOnlyList<ClockSpan> closed)
    {
        var clipped = span.Clip(Month);
        if (clipped.IsEmpty || _monthWeight == 0)
        {
            return (0m, 0m);
        }

        var local = closed.Select(c => (From: ToLocal(c.From), To: ToLocal(c.To))).ToList();
        var (weight, minutes) = Weigh(ToLocal(clipped.From), ToLocal(clipped.To), local);
        return (Math.Round(minutes / 60m, 2), Math.Round(_store.Target * weight / _monthWeight, 2));
    }

    private (decimal Weight, decimal Minutes) Weigh(DateTime from, DateTime to, List<(DateTime From, DateTime To)> closed)
    {
        var weight = 0m;
        var minutes = 0m;
        var profile = _store.Profile;
        for (var hour = new DateTime(from.Year, from.Month, from.Day, from.Hour, 0, 0); hour < to; hour = hour.AddHours(1))
        {
            var day = hour.Date;
            var open = Overlap(hour, hour.AddHours(1), from, to);
            open = Overlap(open.From, open.To, day + _store.Hours.Opens.ToTimeSpan(), day + _store.Hours.Closes.ToTimeSpan());
            var length = (decimal)(open.To - open.From).TotalMinutes;
            if (length <= 0)
            {
                continue;
            }

            foreach (var c in closed)
            {
                var shut = Overlap(open.From, open.To, c.From, c.To);
                length -= Math.Max(0m, (decimal)(shut.To - shut.From).TotalMinutes);
            }

            if (length <= 0)
            {
                continue;
            }

            minutes += length;
            weight += profile.DayWeight(hour.DayOfWeek) * profile.ShareOfHour(hour.DayOfWeek, hour.Hour) * length / 60m;
        }

        return (weight, minutes);
    }

    private static (DateTime From, DateTime To) Overlap(DateTime aFrom, DateTime aTo, DateTime bFrom, DateTime bTo)
    {
        var from = aFrom > bFrom ? aFrom : bFrom;
        var to = aTo < bTo ? aTo : bTo;
        return to > from ? (from, to) : (from, from);
    }

    private DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _store.TimeZone).DateTime;

    private DateTimeOffset ToInstant(DateTime local) => new(local, _store.TimeZone.GetUtcOffset(local));
}
