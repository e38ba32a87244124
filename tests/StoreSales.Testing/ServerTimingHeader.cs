using System.Globalization;
using System.Net.Http.Headers;

namespace StoreSales.Testing;

/// <summary>
/// A response's <c>Server-Timing</c> header (W3C Server Timing: <c>name;dur=ms, name;dur=ms</c>) read as a browser's
/// developer tools show it: each metric's duration in milliseconds, by name.
/// </summary>
public static class ServerTimingHeader
{
    /// <summary>The metrics with a duration; empty when the response has no such header.</summary>
    public static IReadOnlyDictionary<string, double> Read(HttpResponseHeaders headers)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!headers.TryGetValues("Server-Timing", out var values))
        {
            return metrics;
        }

        foreach (var metric in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var parts = metric.Split(';', StringSplitOptions.TrimEntries);
            var duration = parts.Skip(1).FirstOrDefault(p => p.StartsWith("dur=", StringComparison.Ordinal));
            if (duration is not null && double.TryParse(duration.AsSpan(4), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
            {
                metrics[parts[0]] = ms;
            }
        }

        return metrics;
    }
}
