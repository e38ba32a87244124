using System.Diagnostics.Metrics;

namespace StoreSales.CommandCenter.Attribution;

/// <summary>
/// Counters of the attribution report's reads (JSON, CSV, PDF, page), and every refusal with its reason as a tag
/// (<c>invalid_month</c>, <c>not_in_scope</c>, <c>not_generated</c>), by operation.
/// </summary>
public sealed class AttributionMetrics
{
    public const string MeterName = "StoreSales.Attribution";

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;

    public AttributionMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _accepted = meter.CreateCounter<long>("storesales.attribution.reads.accepted", description: "Attribution report reads answered, by operation");
        _rejected = meter.CreateCounter<long>("storesales.attribution.reads.rejected", description: "Attribution report reads refused, by operation and reason");
    }

    public void Accepted(string operation) => _accepted.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void Rejected(string operation, string reason) =>
        _rejected.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("reason", reason));
}
