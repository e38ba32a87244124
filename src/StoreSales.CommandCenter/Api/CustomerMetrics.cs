using System.Diagnostics.Metrics;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// Counters of the customer API: requests that did what they asked, and every refusal with its reason as a tag
/// (<c>invalid_phone</c>, <c>likely_duplicate</c>, <c>lead_already_open</c> …), by operation.
/// </summary>
public sealed class CustomerMetrics
{
    public const string MeterName = "StoreSales.Customers";

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;

    public CustomerMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _accepted = meter.CreateCounter<long>("storesales.customers.requests.accepted", description: "Customer API requests done (customer created, interaction recorded, lead assigned, merge), by operation");
        _rejected = meter.CreateCounter<long>("storesales.customers.requests.rejected", description: "Customer API requests refused, by operation and reason");
    }

    public void Accepted(string operation) => _accepted.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void Rejected(string operation, string reason) =>
        _rejected.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("reason", reason));
}
