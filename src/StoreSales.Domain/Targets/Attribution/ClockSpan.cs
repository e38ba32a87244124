namespace StoreSales.Domain.Targets.Attribution;

/// <summary>A stretch of time, end exclusive: a closure, an outage of a till, an alert's overdue time.</summary>
public readonly record struct ClockSpan(DateTimeOffset From, DateTimeOffset To)
{
    public bool IsEmpty => To <= From;

    public ClockSpan Clip(ClockSpan within) =>
        new(From > within.From ? From : within.From, To < within.To ? To : within.To);

    /// <summary>Overlapping or touching spans joined, in time order: what is covered twice counts once.</summary>
    public static IReadOnlyList<ClockSpan> Union(IEnumerable<ClockSpan> spans)
    {
        var merged = new List<ClockSpan>();
        foreach (var span in spans.Where(s => !s.IsEmpty).OrderBy(s => s.From))
        {
            if (merged.Count > 0 && span.From <= merged[^1].To)
            {
                merged[^1] = merged[^1] with { To = span.To > merged[^1].To ? span.To : merged[^1].To };
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
    }
}
