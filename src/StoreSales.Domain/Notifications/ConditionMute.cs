namespace StoreSales.Domain.Notifications;

/// <summary>
/// A person's "not on my phone until …" for one condition (e.g. <c>feed-lagging</c> during a known network outage).
/// A mute ends at <see cref="Until"/> (from then on the condition is pushed again). The device conditions carry the
/// device in their name (<c>device-offline-T01-till</c>); muting <c>device-offline</c> mutes them all.
/// </summary>
public sealed record ConditionMute(string Condition, DateTimeOffset Until)
{
    /// <summary>Muting this mutes every device's offline condition (<c>device-offline-{device}</c>).</summary>
    public const string DeviceOffline = "device-offline";

    public bool Covers(string condition, DateTimeOffset now) =>
        now < Until && (string.Equals(condition, Condition, StringComparison.Ordinal) || IsDeviceFamily(condition));

    /// <summary>Whether any of <paramref name="mutes"/> silences <paramref name="condition"/> at <paramref name="now"/>.</summary>
    public static bool Silences(IEnumerable<ConditionMute> mutes, string condition, DateTimeOffset now) =>
        mutes.Any(m => m.Covers(condition, now));

    private bool IsDeviceFamily(string condition) =>
        string.Equals(Condition, DeviceOffline, StringComparison.Ordinal)
        && condition.StartsWith(DeviceOffline + "-", StringComparison.Ordinal);
}
