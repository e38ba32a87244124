using System.Globalization;
using System.Text.RegularExpressions;

namespace StoreSales.Testing;

/// <summary>
/// A host's <c>/metrics</c> as an operator's Prometheus scrapes it (text exposition format), read over HTTP: what a test
/// asserts there is what a dashboard would show. Counters carry the exporter's <c>_total</c> suffix
/// (<c>storesales.requests.limited</c> is <c>storesales_requests_limited_total</c>).
/// </summary>
public sealed partial class ScrapedMetrics
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples;

    private ScrapedMetrics(List<(string Name, Dictionary<string, string> Labels, double Value)> samples) => _samples = samples;

    public static async Task<ScrapedMetrics> Read(Uri host, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = host };
        var text = await client.GetStringAsync("/metrics", cancellationToken);
        var samples = new List<(string, Dictionary<string, string>, double)>();
        foreach (var line in text.Split('\n'))
        {
            if (Sample().Match(line.TrimEnd('\r')) is not { Success: true } sample
                || !double.TryParse(sample.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var labels = Label().Matches(sample.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => Regex.Unescape(l.Groups[2].Value), StringComparer.Ordinal);
            samples.Add((sample.Groups["name"].Value, labels, value));
        }

        return new ScrapedMetrics(samples);
    }

    /// <summary>The sum of <paramref name="name"/>'s samples whose labels include every one of <paramref name="labels"/>; 0 when none.</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value)).Sum(s => s.Value);

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>[-+0-9.eE]+|NaN|[+-]Inf)(\s+\d+)?$""")]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
