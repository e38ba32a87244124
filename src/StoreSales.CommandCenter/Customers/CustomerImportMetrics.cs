using System.Diagnostics.Metrics;
using StoreSales.CommandCenter.Api;
using StoreSales.Data.Customers.Import;

namespace StoreSales.CommandCenter.Customers;

/// <summary>
/// Imported rows by outcome (<c>created</c>, <c>already-imported</c>, <c>duplicate</c>, <c>rejected</c>) and, for a
/// rejection, its reason (<c>invalid</c>, <c>unknown-rep</c> …), on the customer API's meter: no row is decided uncounted.
/// </summary>
public sealed class CustomerImportMetrics
{
    private readonly Counter<long> _rows;

    public CustomerImportMetrics(IMeterFactory meterFactory) =>
        _rows = meterFactory.Create(CustomerMetrics.MeterName)
            .CreateCounter<long>("storesales.customers.import.rows", description: "Rows of customer CSV imports decided, by outcome and (rejections) reason");

    public void Count(CustomerImportChunk chunk)
    {
        foreach (var tally in chunk.Outcomes)
        {
            _rows.Add(tally.Rows, new KeyValuePair<string, object?>("outcome", tally.Outcome), new KeyValuePair<string, object?>("reason", tally.Reason ?? ""));
        }
    }
}
