using StoreSales.Domain.Notifications;

namespace StoreSales.Domain.Tests.Notifications;

public sealed class ConditionMuteTests
{
    private static readonly DateTimeOffset Until = DateTimeOffset.Parse("2026-12-06T08:00:00Z");

    [Theory]
    [InlineData("feed-lagging", "feed-lagging", "2026-12-06T07:59:59Z", true)]
    [InlineData("feed-lagging", "feed-lagging", "2026-12-06T08:00:00Z", false)] // expired exactly at its end
    [InlineData("feed-lagging", "feed-lagging", "2026-12-07T00:00:00Z", false)]
    [InlineData("feed-lagging", "day-behind", "2026-12-06T07:00:00Z", false)]   // another condition is still pushed
    [InlineData("device-offline", "device-offline-T01-till", "2026-12-06T07:00:00Z", true)] // every device
    [InlineData("device-offline", "device-offline-T02-scanner", "2026-12-06T07:00:00Z", true)]
    [InlineData("device-offline", "device-offline-T02-scanner", "2026-12-06T08:00:00Z", false)]
    [InlineData("device-offline-T01-till", "device-offline-T02-scanner", "2026-12-06T07:00:00Z", false)] // one device only
    [InlineData("day-behind", "day-behind-calibration", "2026-12-06T07:00:00Z", false)] // no prefix matching beyond devices
    public void A_mute_silences_its_condition_until_it_ends(string muted, string condition, string now, bool silenced) =>
        Assert.Equal(silenced, ConditionMute.Silences([new ConditionMute(muted, Until)], condition, DateTimeOffset.Parse(now)));

    [Fact]
    public void No_mutes_silence_nothing() =>
        Assert.False(ConditionMute.Silences([], "day-behind", Until));
}
