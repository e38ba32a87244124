using System.Diagnostics.Metrics;

namespace StoreSales.CommandCenter.Targets;

/// <summary>
/// Counters of the targets API and page: requests done by operation, every refusal by operation and rule
/// (<c>frozen</c>, <c>own_request</c>, <c>not_found</c> …), and grain re-paces that failed after a commit.
/// </summary>
public sealed class TargetMetrics
{
    public const string MeterName = "StoreSales.Targets";

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _repaceFailed;

    public TargetMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _accepted = meter.CreateCounter<long>("storesales.targets.requests.accepted", description: "Target reads, edits, change requests and decisions done, by operation");
        _rejected = meter.CreateCounter<long>("storesales.targets.requests.rejected", description: "Target requests refused, by operation and reason");
        _repaceFailed = meter.CreateCounter<long>("storesales.targets.repace.failed", description: "Store or rep grains not told of a committed target change (they read it at their next master-data refresh), by level");
    }

    public void Accepted(string operation) => _accepted.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void Rejected(string operation, string reason) =>
        _rejected.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("reason", reason.Replace('-', '_')));

    public void RepaceFailed(string level) => _repaceFailed.Add(1, new KeyValuePair<string, object?>("level", level));
}
