using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using StoreSales.ServiceDefaults.Limits;

namespace StoreSales.Testing;

/// <summary>
/// Listens to <c>storesales.requests.limited</c> of one host (its own meter factory, so another host in the same test
/// process does not count): the (limit, status) of every refusal while it lives.
/// </summary>
public sealed class LimitRefusals : IDisposable
{
    private readonly MeterListener _listener;
    private readonly List<(string Limit, int Status)> _seen = [];

    public LimitRefusals(IServiceProvider host)
    {
        var meters = host.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Meter.Name == LimitMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var all = tags.ToArray();
            lock (_seen)
            {
                _seen.Add(((string)all.Single(t => t.Key == "limit").Value!, (int)all.Single(t => t.Key == "status").Value!));
            }
        });
        _listener.Start();
    }

    public IReadOnlyList<(string Limit, int Status)> Seen
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
