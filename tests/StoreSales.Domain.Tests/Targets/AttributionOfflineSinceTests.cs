using StoreSales.Domain.Pacing;
using StoreSales.Domain.Targets.Attribution;

namespace StoreSales.Domain.Tests.Targets;

/// <summary>
/// A till's offline time counts from when it went offline (the alert's evidence), not from the alert's raise, on a
/// constructed month: a Shanghai store open 10:00–20:00 every day of November 2026, flat profile, one till, target
/// 300,000 (1,000 an open hour), sold 280,000. The alert is raised 2 minutes after the till falls silent, in opening hours.
/// </summary>
public sealed class AttributionOfflineSinceTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly OpeningHours TenToEight = new(new TimeOnly(10, 0), new TimeOnly(20, 0));

    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8));

    public static TheoryData<string, OfflineTillFact, (decimal Hours, decimal Cost)[]> Cases => new()
    {
        {
            "offline 10:50, raised 10:52, resolved 11:05: fifteen minutes offline is no blip, though only thirteen followed the raise",
            OfflineTillFact.Episode("T1", At(12, 10, 52), At(12, 10, 50), At(12, 11, 5)),
            [(0.25m, 250m)]
        },
        {
            "down since 21:00 the night before, raised at 10:02, resolved at noon: the whole morning from opening, not from the raise",
            OfflineTillFact.Episode("T1", At(12, 10, 2), At(11, 21), At(12, 12)),
            [(2m, 2_000m)]
        },
        {
            "an alert without the offline time in its evidence counts from its raise",
            OfflineTillFact.Episode("T1", At(12, 10, 2), null, At(12, 12)),
            [(1.97m, 1_966.67m)]
        },
        {
            "an offline time after the raise (a store PC's clock that was off) is not believed: from the raise",
            OfflineTillFact.Episode("T1", At(12, 10, 2), At(12, 11), At(12, 12)),
            [(1.97m, 1_966.67m)]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Offline_time_counts_from_when_the_till_went_offline(string because, OfflineTillFact till, (decimal Hours, decimal Cost)[] causes)
    {
        var store = new StoreMonthFacts("store-t", "region-t", new DateOnly(2026, 11, 1), Shanghai, TenToEight, PacingProfile.Linear(TenToEight), 300_000m, 280_000m)
        {
            OfflineTills = [till],
        };

        var split = AttributionRule.Split(store, new AttributionOptions(), TimeSpan.FromHours(4));

        Assert.True(
            causes.SequenceEqual(split.Causes.Where(c => c.Kind == GapCauses.TillOffline).Select(c => (c.Hours, c.EstimatedCost))),
            $"{because}: got {string.Join("; ", split.Causes)}");
    }
}
