using System.Diagnostics.Metrics;
using StoreSales.CommandCenter.Hosting;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// Counters of the opportunity API and pages: requests that did what they asked, and every refusal with its rule as a tag
/// (<c>evidence-missing</c>, <c>one-stage-at-a-time</c>, <c>file-type-not-allowed</c>, <c>not-found</c> …), by operation.
/// </summary>
public sealed class OpportunityMetrics(IMeterFactory meterFactory) : RequestMetrics(
    meterFactory,
    MeterName,
    new("storesales.opportunities.requests.accepted", "Opportunity requests done (opened, moved, evidence stored or served, pipeline read), by operation"),
    new("storesales.opportunities.requests.rejected", "Opportunity requests refused, by operation and rule"),
    "rule")
{
    public const string MeterName = "StoreSales.Opportunities";
}
