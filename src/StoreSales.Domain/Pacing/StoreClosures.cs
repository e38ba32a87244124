namespace StoreSales.Domain.Pacing;

/// <summary>
/// The spans in which a store was (or will be) closed by an event it recorded (weather closure, outage, refit …), in
/// store-local wall time, overlapping spans merged. Pacing takes these spans out of the store's open time
/// (docs/domain.md "Store events"): <see cref="OpenFraction"/> says how much of a local hour stays open.
/// </summary>
public sealed class StoreClosures
{
    public static readonly StoreClosures None = new([]);

    // Merged, sorted, non-overlapping [start, end) spans in store-local wall time.
    private readonly (DateTime Start, DateTime End)[] _spans;

    private StoreClosures((DateTime Start, DateTime End)[] spans) => _spans = spans;

    public bool IsEmpty => _spans.Length == 0;

    /// <summary>
    /// The closures of a store in <paramref name="zone"/>: each span's ends are read as the store's local wall time
    /// (10:00–12:00 UTC closes 16:00–18:00 of a store in Urumqi, UTC+6, and 18:00–20:00 of one in Shanghai).
    /// </summary>
    public static StoreClosures Of(IEnumerable<(DateTimeOffset Starts, DateTimeOffset Ends)> spans, TimeZoneInfo zone)
    {
        var local = spans
            .Where(s => s.Ends > s.Starts)
            .Select(s => (Start: TimeZoneInfo.ConvertTime(s.Starts, zone).DateTime, End: TimeZoneInfo.ConvertTime(s.Ends, zone).DateTime))
            .Where(s => s.End > s.Start)
            .OrderBy(s => s.Start)
            .ToList();
        if (local.Count == 0)
        {
            return None;
        }

        var merged = new List<(DateTime Start, DateTime End)> { local[0] };
        foreach (var span in local.Skip(1))
        {
            var last = merged[^1];
            if (span.Start <= last.End)
            {
                merged[^1] = (last.Start, span.End > last.End ? span.End : last.End);
            }
            else
            {
                merged.Add(span);
            }
        }

        return new StoreClosures([.. merged]);
    }

    /// <summary>Whether the store is closed by an event at the local moment <paramref name="local"/>.</summary>
    public bool IsClosedAt(DateTime local) => _spans.Any(s => s.Start <= local && local < s.End);

    /// <summary>
    /// The share (0–1) of the local hour <paramref name="hour"/> of <paramref name="day"/> that is open, counted up to
    /// <paramref name="until"/> into the hour (the whole hour without it): 1 with no closure, 0 for an hour closed
    /// throughout. With <paramref name="until"/>, the share is of the whole hour (00:30 open of an hour open till
    /// 00:30 is 0.5), so it can be used as the hour's weight done so far.
    /// </summary>
    public decimal OpenFraction(DateOnly day, int hour, TimeSpan? until = null)
    {
        var start = day.ToDateTime(new TimeOnly(hour, 0));
        var end = until is { } u && u < TimeSpan.FromHours(1) ? start + u : start.AddHours(1);
        var length = end - start;
        if (length <= TimeSpan.Zero)
        {
            return 0;
        }

        var closed = TimeSpan.Zero;
        foreach (var span in _spans)
        {
            if (span.Start >= end)
            {
                break;
            }

            var from = span.Start > start ? span.Start : start;
            var to = span.End < end ? span.End : end;
            if (to > from)
            {
                closed += to - from;
            }
        }

        // Whole seconds: one division at the end keeps decimal exact for the usual quarter and half hours.
        return (decimal)(length - closed).TotalSeconds / 3600m;
    }
}
