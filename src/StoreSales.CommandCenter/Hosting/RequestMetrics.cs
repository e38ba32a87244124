using System.Diagnostics.Metrics;

namespace StoreSales.CommandCenter.Hosting;

/// <summary>
/// The two counters every command-center desk keeps: requests done, by operation, and requests refused, by operation and
/// the rule that refused them (nothing refused silently). Each area names its own meter and instruments.
/// </summary>
public abstract class RequestMetrics
{
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;
    private readonly string _reasonTag;

    protected RequestMetrics(IMeterFactory meterFactory, string meterName, Instrument accepted, Instrument rejected, string reasonTag = "reason")
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(meterName);
        _accepted = Meter.CreateCounter<long>(accepted.Name, description: accepted.Description);
        _rejected = Meter.CreateCounter<long>(rejected.Name, description: rejected.Description);
        _reasonTag = reasonTag;
    }

    /// <summary>The area's meter, for counters of its own beside the two.</summary>
    protected Meter Meter { get; }

    public void Accepted(string operation) => _accepted.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void Rejected(string operation, string reason) =>
        _rejected.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>(_reasonTag, Tag(reason)));

    /// <summary>How a refusal's rule is written as a tag value; as given unless an area normalizes it.</summary>
    protected virtual string Tag(string reason) => reason;

    /// <summary>An instrument's name and description.</summary>
    protected sealed record Instrument(string Name, string Description);
}
