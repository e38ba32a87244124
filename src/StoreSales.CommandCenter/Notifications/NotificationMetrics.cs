using System.Diagnostics.Metrics;

namespace StoreSales.CommandCenter.Notifications;

/// <summary>
/// Counts every delivery outcome by channel (<c>storesales.notifications.deliveries</c>, tag <c>outcome</c>: sent,
/// digested, retrying, failed, muted, postponed, channel-off), the digests sent and the settings refused: nothing is
/// dropped or refused without being counted.
/// </summary>
public sealed class NotificationMetrics
{
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _digests;
    private readonly Counter<long> _settingsRefused;

    public NotificationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create("StoreSales.Notifications");
        _deliveries = meter.CreateCounter<long>("storesales.notifications.deliveries", description: "Alert deliveries by channel and outcome");
        _digests = meter.CreateCounter<long>("storesales.notifications.digests", description: "Digests sent in place of many alerts");
        _settingsRefused = meter.CreateCounter<long>("storesales.notifications.settings_refused", description: "Notification settings refused, by reason");
    }

    public void Delivery(string channel, string outcome, long count = 1) =>
        _deliveries.Add(count, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>A settings form refused (page or API), by the reason's key (<c>NfErrorQuietHours</c>, ...).</summary>
    public void SettingsRefused(string reason) => _settingsRefused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Digest(string channel) => _digests.Add(1, new KeyValuePair<string, object?>("channel", channel));
}
