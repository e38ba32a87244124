using System.Diagnostics.Metrics;

namespace StoreSales.CommandCenter.Targets;

/// <summary>
/// Counters of decomposition and calibration, from the API and the page alike: requests that did what they asked, and
/// every refusal with its rule as a tag (<c>target-frozen</c>, <c>reasons</c>, <c>does-not-add-up</c> …), by operation.
/// </summary>
public sealed class DecompositionMetrics
{
    public const string MeterName = "StoreSales.Targets.Decomposition";

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;

    public DecompositionMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _accepted = meter.CreateCounter<long>("storesales.targets.decomposition.accepted", description: "Decomposition requests done (read, proposal, correction, apply), by operation");
        _rejected = meter.CreateCounter<long>("storesales.targets.decomposition.rejected", description: "Decomposition requests refused, by operation and rule");
    }

    public void Accepted(string operation) => _accepted.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void Rejected(string operation, string rule) =>
        _rejected.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("rule", rule));
}
