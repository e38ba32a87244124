using System.Diagnostics.Metrics;

namespace StoreSales.CommandCenter.StoreEvents;

/// <summary>
/// Counters of store events: what was recorded, edited, cancelled or read, and every refusal with its reason
/// (<c>invalid_ends_at</c>, <c>not_found</c>, <c>not_allowed</c>, <c>cancelled</c> …), by operation.
/// </summary>
public sealed class StoreEventMetrics
{
    public const string MeterName = "StoreSales.StoreEvents";

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;

    public StoreEventMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _accepted = meter.CreateCounter<long>("storesales.store_events.requests.accepted", description: "Store event requests done, by operation");
        _rejected = meter.CreateCounter<long>("storesales.store_events.requests.rejected", description: "Store event requests refused, by operation and reason");
    }

    public void Accepted(string operation) => _accepted.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void Rejected(string operation, string reason) =>
        _rejected.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("reason", reason));
}
