using StoreSales.Domain.Pacing;

namespace StoreSales.Domain.Targets.Decomposition;

/// <summary>
/// Which share of a month's opening hours some spans cover, in the store's own time zone: a closure overnight costs
/// nothing, a closure over a whole opening day costs that day. Overlapping spans count once.
/// </summary>
public static class OpeningHoursCoverage
{
    public static decimal ShareOfMonth(DateOnly month, TimeZoneInfo zone, OpeningHours hours, IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> spans)
    {
        var merged = Merge(spans);
        if (merged.Count == 0 || !hours.IsValid)
        {
            return 0m;
        }

        var open = TimeSpan.Zero;
        var covered = TimeSpan.Zero;
        for (var day = month; day.Month == month.Month; day = day.AddDays(1))
        {
            var from = Instant(day, hours.Opens, zone);
            var to = Instant(day, hours.Closes, zone);
            open += to - from;
            foreach (var (start, end) in merged)
            {
                var overlap = Min(end, to) - Max(start, from);
                if (overlap > TimeSpan.Zero)
                {
                    covered += overlap;
                }
            }
        }

        return open <= TimeSpan.Zero ? 0m : (decimal)covered.Ticks / open.Ticks;
    }

    private static List<(DateTimeOffset Start, DateTimeOffset End)> Merge(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> spans)
    {
        var merged = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        foreach (var span in spans.Where(s => s.End > s.Start).OrderBy(s => s.Start))
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Max(merged[^1].End, span.End));
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
    }

    private static DateTimeOffset Instant(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
