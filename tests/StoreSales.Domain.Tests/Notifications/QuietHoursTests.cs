using StoreSales.Domain.Notifications;

namespace StoreSales.Domain.Tests.Notifications;

public sealed class QuietHoursTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    // Across midnight, 22:00–07:00: the start is inside, the end is not.
    [InlineData("22:00", "07:00", "21:59", false)]
    [InlineData("22:00", "07:00", "22:00", true)]
    [InlineData("22:00", "07:00", "23:59", true)]
    [InlineData("22:00", "07:00", "00:00", true)]
    [InlineData("22:00", "07:00", "06:59", true)]
    [InlineData("22:00", "07:00", "07:00", false)]
    [InlineData("22:00", "07:00", "12:00", false)]
    // Within one day, 12:00–13:30 (lunch).
    [InlineData("12:00", "13:30", "11:59", false)]
    [InlineData("12:00", "13:30", "12:00", true)]
    [InlineData("12:00", "13:30", "13:29", true)]
    [InlineData("12:00", "13:30", "13:30", false)]
    // Equal start and end: no quiet hours.
    [InlineData("00:00", "00:00", "03:00", false)]
    [InlineData("08:00", "08:00", "08:00", false)]
    public void A_local_time_is_inside_or_outside(string start, string end, string local, bool inside) =>
        Assert.Equal(inside, new QuietHours(TimeOnly.Parse(start), TimeOnly.Parse(end)).Contains(TimeOnly.Parse(local)));

    [Theory]
    // UTC instant → when it may be pushed (UTC), for 22:00–07:00 Shanghai (UTC+8).
    [InlineData("2026-12-05T13:59:00Z", "2026-12-05T13:59:00Z")] // 21:59 local: outside, at once
    [InlineData("2026-12-05T14:00:00Z", "2026-12-05T23:00:00Z")] // 22:00 local: waits for 07:00 the next local day
    [InlineData("2026-12-05T15:30:00Z", "2026-12-05T23:00:00Z")] // 23:30 local: same morning
    [InlineData("2026-12-05T16:00:00Z", "2026-12-05T23:00:00Z")] // 00:00 local (6 Dec): 07:00 that day
    [InlineData("2026-12-05T22:59:00Z", "2026-12-05T23:00:00Z")] // 06:59 local: one minute
    [InlineData("2026-12-05T23:00:00Z", "2026-12-05T23:00:00Z")] // 07:00 local: over
    public void What_arrives_inside_waits_for_the_end_in_the_persons_zone(string now, string expected)
    {
        var quiet = new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0));

        Assert.Equal(DateTimeOffset.Parse(expected), quiet.DeliverableFrom(DateTimeOffset.Parse(now), Shanghai));
    }

    [Fact]
    public void The_same_instant_is_quiet_for_one_person_and_not_for_another_by_their_zones()
    {
        var quiet = new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0));
        var now = DateTimeOffset.Parse("2026-12-05T15:00:00Z"); // 23:00 in Shanghai, 16:00 in Berlin

        Assert.NotEqual(now, quiet.DeliverableFrom(now, Shanghai));
        Assert.Equal(now, quiet.DeliverableFrom(now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));
    }
}
