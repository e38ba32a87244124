using System.Diagnostics.Metrics;
using StoreSales.CommandCenter.Hosting;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// Counters of the customer API: requests that did what they asked, and every refusal with its reason as a tag
/// (<c>invalid_phone</c>, <c>likely_duplicate</c>, <c>lead_already_open</c> …), by operation.
/// </summary>
public sealed class CustomerMetrics(IMeterFactory meterFactory) : RequestMetrics(
    meterFactory,
    MeterName,
    new("storesales.customers.requests.accepted", "Customer API requests done (customer created, interaction recorded, lead assigned, merge), by operation"),
    new("storesales.customers.requests.rejected", "Customer API requests refused, by operation and reason"))
{
    public const string MeterName = "StoreSales.Customers";
}
