using System.Diagnostics.Metrics;
using StoreSales.CommandCenter.Hosting;

namespace StoreSales.CommandCenter.StoreEvents;

/// <summary>
/// Counters of store events: what was recorded, edited, cancelled or read, and every refusal with its reason
/// (<c>invalid_ends_at</c>, <c>not_found</c>, <c>not_allowed</c>, <c>cancelled</c> …), by operation.
/// </summary>
public sealed class StoreEventMetrics(IMeterFactory meterFactory) : RequestMetrics(
    meterFactory,
    MeterName,
    new("storesales.store_events.requests.accepted", "Store event requests done, by operation"),
    new("storesales.store_events.requests.rejected", "Store event requests refused, by operation and reason"))
{
    public const string MeterName = "StoreSales.StoreEvents";
}
