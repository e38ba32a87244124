using System.Diagnostics.Metrics;
using StoreSales.CommandCenter.Hosting;

namespace StoreSales.CommandCenter.Quotes;

/// <summary>
/// Counters of quote requests (create, new version, edit, submit, read, pdf, verify), and every refusal by operation and
/// rule (<c>version-fixed</c>, <c>not-latest</c>, <c>invalid-line</c>, <c>not-quoter</c>, <c>unknown</c>, <c>altered-code</c>, ...).
/// </summary>
public sealed class QuoteMetrics(IMeterFactory meterFactory) : RequestMetrics(
    meterFactory,
    MeterName,
    new("storesales.quotes.requests.accepted", "Quote requests done, by operation"),
    new("storesales.quotes.requests.rejected", "Quote requests refused, by operation and rule"),
    "rule")
{
    public const string MeterName = "StoreSales.Quotes";
}
