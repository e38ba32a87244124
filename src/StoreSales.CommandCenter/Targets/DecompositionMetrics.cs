using System.Diagnostics.Metrics;
using StoreSales.CommandCenter.Hosting;

namespace StoreSales.CommandCenter.Targets;

/// <summary>
/// Counters of decomposition and calibration, from the API and the page alike: requests that did what they asked, and
/// every refusal with its rule as a tag (<c>target-frozen</c>, <c>reasons</c>, <c>does-not-add-up</c> …), by operation.
/// </summary>
public sealed class DecompositionMetrics(IMeterFactory meterFactory) : RequestMetrics(
    meterFactory,
    MeterName,
    new("storesales.targets.decomposition.accepted", "Decomposition requests done (read, proposal, correction, apply), by operation"),
    new("storesales.targets.decomposition.rejected", "Decomposition requests refused, by operation and rule"), reasonTag: "rule")
{
    public const string MeterName = "StoreSales.Targets.Decomposition";
}
