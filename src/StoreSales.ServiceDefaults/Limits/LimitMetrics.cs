using System.Diagnostics.Metrics;

namespace StoreSales.ServiceDefaults.Limits;

/// <summary>Requests refused by a <c>Limits</c> setting, by the setting's key (<c>limit</c>) and the request's endpoint kind.</summary>
public sealed class LimitMetrics
{
    public const string MeterName = "StoreSales.Limits";

    private readonly Counter<long> _refused;

    public LimitMetrics(IMeterFactory meterFactory)
    {
        _refused = meterFactory.Create(MeterName)
            .CreateCounter<long>("storesales.requests.limited", description: "Requests refused by a Limits setting (429 too many, 413 too large), by the setting");
    }

    public void Refused(string limit, int status) =>
        _refused.Add(1, new KeyValuePair<string, object?>("limit", limit), new KeyValuePair<string, object?>("status", status));
}
