using StoreSales.Domain.Alerts;

namespace StoreSales.Domain.Tests;

public sealed class OfflineEpisodeTests
{
    private static readonly DateTimeOffset Beat = new(2026, 11, 11, 14, 0, 0, TimeSpan.FromHours(8));
    private static readonly TimeSpan OfflineAfter = TimeSpan.FromMinutes(2);

    public static TheoryData<string, int?, int, int> Cases => new()
    {
        // (why, first seen offline by this activation [min after the beat], now [min after the beat], began [min after the beat])
        { "a silent agent's device went offline at beat + DeviceOfflineAfter, not when a woken store first looks", null, 40, 2 },
        { "woken after a restart, seen late: still from the beat", 35, 40, 2 },
        { "reported offline by a reporting agent: from when the store first saw it", 1, 1, 1 },
        { "reported offline, then the agent fell silent: the earlier start stays", 1, 10, 1 },
        { "first look while the agent still reports: now", null, 1, 1 },
        { "exactly DeviceOfflineAfter after the beat is not silent yet: now", null, 2, 2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_offline_episode_begins_at_the_silence_or_the_first_sight(string because, int? firstSeen, int now, int began)
    {
        var result = OfflineEpisode.Began(firstSeen is { } seen ? Beat.AddMinutes(seen) : null, Beat, Beat.AddMinutes(now), OfflineAfter);

        Assert.True(Beat.AddMinutes(began) == result, $"{because}: began {result:HH:mm}, expected {Beat.AddMinutes(began):HH:mm}");
    }
}
