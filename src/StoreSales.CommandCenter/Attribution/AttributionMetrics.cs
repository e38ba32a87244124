using System.Diagnostics.Metrics;
using StoreSales.CommandCenter.Hosting;

namespace StoreSales.CommandCenter.Attribution;

/// <summary>
/// Counters of the attribution report's reads (JSON, CSV, PDF, page), and every refusal with its reason as a tag
/// (<c>invalid_month</c>, <c>not_in_scope</c>, <c>not_generated</c>), by operation.
/// </summary>
public sealed class AttributionMetrics(IMeterFactory meterFactory) : RequestMetrics(
    meterFactory,
    MeterName,
    new("storesales.attribution.reads.accepted", "Attribution report reads answered, by operation"),
    new("storesales.attribution.reads.rejected", "Attribution report reads refused, by operation and reason"))
{
    public const string MeterName = "StoreSales.Attribution";
}
