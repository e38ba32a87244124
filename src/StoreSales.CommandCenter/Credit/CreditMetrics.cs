using System.Diagnostics.Metrics;
using StoreSales.CommandCenter.Hosting;

namespace StoreSales.CommandCenter.Credit;

/// <summary>
/// Counters of credit and orders: requests done by operation, every refusal with its reason (<c>invalid_amount</c>,
/// <c>changed_figures</c>, <c>not_found</c> …), and the orders the credit check held, by reason.
/// </summary>
public sealed class CreditMetrics : RequestMetrics
{
    public const string MeterName = "StoreSales.Credit";

    private readonly Counter<long> _held;

    public CreditMetrics(IMeterFactory meterFactory)
        : base(
            meterFactory,
            MeterName,
            new("storesales.credit.requests.accepted", "Credit and order requests done (receivable, payment, import, limit, order), by operation"),
            new("storesales.credit.requests.rejected", "Credit and order requests refused, by operation and reason"))
    {
        _held = Meter.CreateCounter<long>("storesales.credit.orders.held", description: "B2B orders held by the credit check, by reason (overdue, limit, overdue-and-limit)");
    }

    public void Held(string reason) => _held.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
