using System.Diagnostics.Metrics;
using StoreSales.CommandCenter.Api;

namespace StoreSales.Testing;

/// <summary>The customer API's refusals (operation, reason) measured by one command center while this is alive.</summary>
public sealed class CustomerRejections : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(string Operation, string Reason)> _seen = [];

    public CustomerRejections(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CustomerMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name == "storesales.customers.requests.rejected")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? operation = null, reason = null;
            foreach (var tag in tags)
            {
                operation = tag.Key == "operation" ? tag.Value as string : operation;
                reason = tag.Key == "reason" ? tag.Value as string : reason;
            }

            lock (_seen)
            {
                _seen.Add((operation ?? "", reason ?? ""));
            }
        });
        _listener.Start();
    }

    public IReadOnlyList<(string Operation, string Reason)> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
