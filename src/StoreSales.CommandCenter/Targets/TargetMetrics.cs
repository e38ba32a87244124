using System.Diagnostics.Metrics;
using StoreSales.CommandCenter.Hosting;

namespace StoreSales.CommandCenter.Targets;

/// <summary>
/// Counters of the targets API and page: requests done by operation, every refusal by operation and rule
/// (<c>frozen</c>, <c>own_request</c>, <c>not_found</c> …), and grain re-paces that failed after a commit.
/// </summary>
public sealed class TargetMetrics : RequestMetrics
{
    public const string MeterName = "StoreSales.Targets";

    private readonly Counter<long> _repaceFailed;

    public TargetMetrics(IMeterFactory meterFactory)
        : base(
            meterFactory,
            MeterName,
            new("storesales.targets.requests.accepted", "Target reads, edits, change requests and decisions done, by operation"),
            new("storesales.targets.requests.rejected", "Target requests refused, by operation and reason"))
    {
        _repaceFailed = Meter.CreateCounter<long>("storesales.targets.repace.failed", description: "Store or rep grains not told of a committed target change (they read it at their next master-data refresh), by level");
    }

    public void RepaceFailed(string level) => _repaceFailed.Add(1, new KeyValuePair<string, object?>("level", level));

    protected override string Tag(string reason) => reason.Replace('-', '_');
}
