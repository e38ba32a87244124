namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// Tests that read a host's <c>/metrics</c> run alone, after the others. Every in-process host's OpenTelemetry provider
/// listens to the same-named meters of every other host in the test process (a counter there sums them all), and a host
/// disposed while another is measured can take the shared stream with it: the count read then falls short (seen in CI,
/// 2026-12-06, DoorRateLimitTests). Alone, a test's hosts are the only ones alive. A deployed host is one per process.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "reads /metrics";
}
