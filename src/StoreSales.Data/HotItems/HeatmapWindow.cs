namespace StoreSales.Data.HotItems;

/// <summary>
/// The time window of the HQ heatmap, always ending now: the last 15 minutes, the last hour, or today since
/// midnight in each store's own time zone.
/// </summary>
public enum HeatmapWindow
{
    FifteenMinutes,
    Hour,
    Today,
}

/// <summary>What orders the heatmap's items (and top stores): lift against usual, or raw units.</summary>
public enum HeatmapMetric
{
    Lift,
    Units,
}

/// <summary>The windows and metrics as the API and pages spell them: <c>15m</c>, <c>1h</c>, <c>today</c>; <c>lift</c>, <c>units</c>.</summary>
public static class HeatmapTerms
{
    public static readonly IReadOnlyList<string> Windows = ["15m", "1h", "today"];

    public static readonly IReadOnlyList<string> Metrics = ["lift", "units"];

    public static bool TryParseWindow(string? text, out HeatmapWindow window)
    {
        (var known, window) = text?.Trim().ToLowerInvariant() switch
        {
            "15m" => (true, HeatmapWindow.FifteenMinutes),
            "1h" => (true, HeatmapWindow.Hour),
            "today" => (true, HeatmapWindow.Today),
            _ => (false, default),
        };
        return known;
    }

    public static bool TryParseMetric(string? text, out HeatmapMetric metric)
    {
        (var known, metric) = text?.Trim().ToLowerInvariant() switch
        {
            "lift" => (true, HeatmapMetric.Lift),
            "units" => (true, HeatmapMetric.Units),
            _ => (false, default),
        };
        return known;
    }

    public static string Text(this HeatmapWindow window) => window switch
    {
        HeatmapWindow.FifteenMinutes => "15m",
        HeatmapWindow.Hour => "1h",
        _ => "today",
    };

    public static string Text(this HeatmapMetric metric) => metric == HeatmapMetric.Units ? "units" : "lift";

    /// <summary>The length of a sliding window; <see cref="HeatmapWindow.Today"/> has none (it starts at each store's midnight).</summary>
    public static TimeSpan Length(this HeatmapWindow window) => window switch
    {
        HeatmapWindow.FifteenMinutes => TimeSpan.FromMinutes(15),
        HeatmapWindow.Hour => TimeSpan.FromHours(1),
        _ => TimeSpan.Zero,
    };
}
