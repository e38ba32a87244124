using System.Diagnostics.Metrics;

namespace StoreSales.CommandCenter.Notifications;

/// <summary>
/// Counts every delivery outcome by channel (<c>storesales.notifications.deliveries</c>, tag <c>outcome</c>: sent,
/// digested, retrying, failed, muted, postponed) and the digests sent: nothing is dropped without being counted.
/// </summary>
public sealed class NotificationMetrics
{
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _digests;

    public NotificationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create("StoreSales.Notifications");
        _deliveries = meter.CreateCounter<long>("storesales.notifications.deliveries", description: "Alert deliveries by channel and outcome");
        _digests = meter.CreateCounter<long>("storesales.notifications.digests", description: "Digests sent in place of many alerts");
    }

    public void Delivery(string channel, string outcome, long count = 1) =>
        _deliveries.Add(count, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("outcome", outcome));

    public void Digest(string channel) => _digests.Add(1, new KeyValuePair<string, object?>("channel", channel));
}
