using StoreSales.Domain.Pacing;

namespace StoreSales.Domain.Tests.Targets;

/// <summary>
/// Pacing skips the spans a store recorded as closed: the month's target is not lowered, it is spread over the hours the
/// store is really open (docs/domain.md "Store events"). November 2026 has 30 days; linear profile 08:00–22:00 (14 h).
/// </summary>
public sealed class ClosedSpanPacingTests
{
    private const decimal MonthTarget = 300_000m; // 10,000 a day, 714.2857… an open hour
    private static readonly PacingProfile Linear = PacingProfile.Linear(new OpeningHours(new TimeOnly(8, 0), new TimeOnly(22, 0)));
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo Urumqi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Urumqi"); // UTC+6

    private static StoreClosures Closed(TimeZoneInfo zone, params (string Starts, string Ends)[] spans) =>
        StoreClosures.Of(spans.Select(s => (DateTimeOffset.Parse(s.Starts, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(s.Ends, System.Globalization.CultureInfo.InvariantCulture))), zone);

    public static TheoryData<string, (string, string)[], string, int, int> DayCases => new()
    {
        // because, closures (Shanghai), local now, open hours of the 10th (of 14), open hours done by now
        { "no closure: the plain split", [], "2026-11-10T15:00", 14, 7 },
        { "closed 13:00–15:00, now 15:00: the closed hours expect nothing", [("2026-11-10T13:00+08:00", "2026-11-10T15:00+08:00")], "2026-11-10T15:00", 12, 5 },
        { "closed 13:00–15:00, now 12:00: the closure later today already lowers the day", [("2026-11-10T13:00+08:00", "2026-11-10T15:00+08:00")], "2026-11-10T12:00", 12, 4 },
        { "whole day closed: no target and nothing expected", [("2026-11-10T00:00+08:00", "2026-11-11T00:00+08:00")], "2026-11-10T15:00", 0, 0 },
        { "closed 22:00 the night before to 10:00 (crosses midnight), now 09:30", [("2026-11-09T22:00+08:00", "2026-11-10T10:00+08:00")], "2026-11-10T09:30", 12, 0 },
        { "closed 22:00 the night before to 10:00 (crosses midnight), now 11:00", [("2026-11-09T22:00+08:00", "2026-11-10T10:00+08:00")], "2026-11-10T11:00", 12, 1 },
    };

    [Theory]
    [MemberData(nameof(DayCases))]
    public void The_day_target_and_its_pace_count_only_open_hours(string because, (string, string)[] spans, string now, int openHours, int openHoursDone)
    {
        var closures = Closed(Shanghai, spans);
        var local = DateTime.Parse(now, System.Globalization.CultureInfo.InvariantCulture);
        var weight = openHours / 14m;

        var dayTarget = TargetPacing.DayTarget(MonthTarget, DateOnly.FromDateTime(local), Linear, closures);
        var expected = TargetPacing.ExpectedForDay(dayTarget, local, Linear, closures);

        Assert.True(Math.Abs((MonthTarget * weight / (29m + weight)) - dayTarget) < 0.000001m, because + ": day target " + dayTarget);
        Assert.True(Math.Abs((openHours == 0 ? 0 : dayTarget * openHoursDone / openHours) - expected) < 0.000001m, because + ": expected " + expected);
    }

    [Fact]
    public void Without_a_closure_the_figures_are_the_plain_ones()
    {
        var now = new DateTime(2026, 11, 10, 15, 0, 0);
        Assert.Equal(TargetPacing.DayTarget(MonthTarget, DateOnly.FromDateTime(now), Linear), TargetPacing.DayTarget(MonthTarget, DateOnly.FromDateTime(now), Linear, StoreClosures.None));
        Assert.Equal(TargetPacing.ExpectedForMonth(MonthTarget, now, Linear), TargetPacing.ExpectedForMonth(MonthTarget, now, Linear, StoreClosures.None));
        Assert.Equal(5_000m, TargetPacing.ExpectedForDay(10_000m, now, Linear, StoreClosures.None));
    }

    [Fact]
    public void A_closure_later_today_lowers_todays_target_and_raises_the_pace_of_the_hours_still_open()
    {
        // Closed 18:00–22:00: today has 10 of 14 open hours. The month keeps its 300,000.
        var closures = Closed(Shanghai, ("2026-11-10T18:00+08:00", "2026-11-10T22:00+08:00"));
        var day = new DateOnly(2026, 11, 10);
        var todayWeight = 10m / 14m;
        var dayTarget = TargetPacing.DayTarget(MonthTarget, day, Linear, closures);

        Assert.Equal(MonthTarget * todayWeight / (29m + todayWeight), dayTarget, 6);
        // By 13:00, 5 of today's 10 open hours: half the (smaller) day target.
        Assert.Equal(dayTarget / 2, TargetPacing.ExpectedForDay(dayTarget, new DateTime(2026, 11, 10, 13, 0, 0), Linear, closures), 6);
        // At closing the day target is expected in full, although the store closed four hours early.
        Assert.Equal(dayTarget, TargetPacing.ExpectedForDay(dayTarget, new DateTime(2026, 11, 10, 18, 0, 0), Linear, closures), 6);
        // The hours add up to the day target; the closed hours expect nothing.
        var hours = TargetPacing.ExpectedByHour(dayTarget, day, Linear, closures);
        Assert.Equal(dayTarget, hours.Sum(), 6);
        Assert.All(hours.Skip(18), h => Assert.Equal(0m, h));
        Assert.Equal(dayTarget / 10, hours[8], 6);
    }

    [Fact]
    public void A_closure_earlier_in_the_month_moves_its_expectation_onto_the_open_days()
    {
        // Closed all of 3 November: 29 open days carry the whole month.
        var closures = Closed(Shanghai, ("2026-11-03T00:00+08:00", "2026-11-04T00:00+08:00"));
        var endOfTenth = new DateTime(2026, 11, 10, 23, 0, 0);

        // By the end of the 10th, 9 open days of 29: more than the plain 10 of 30 … of a target that did not change.
        Assert.Equal(MonthTarget * 9m / 29m, TargetPacing.ExpectedForMonth(MonthTarget, endOfTenth, Linear, closures), 6);
        Assert.Equal(0m, TargetPacing.DayTarget(MonthTarget, new DateOnly(2026, 11, 3), Linear, closures));
        Assert.Equal(MonthTarget / 29m, TargetPacing.DayTarget(MonthTarget, new DateOnly(2026, 11, 4), Linear, closures), 6);
        // At the month's last closing time the whole target is expected.
        Assert.Equal(MonthTarget, TargetPacing.ExpectedForMonth(MonthTarget, new DateTime(2026, 11, 30, 22, 0, 0), Linear, closures), 6);
    }

    [Fact]
    public void Inside_a_closure_the_expectation_stands_still()
    {
        var closures = Closed(Shanghai, ("2026-11-10T13:00+08:00", "2026-11-10T15:30+08:00"));
        var at13 = TargetPacing.ExpectedForMonth(MonthTarget, new DateTime(2026, 11, 10, 13, 0, 0), Linear, closures);
        var at1415 = TargetPacing.ExpectedForMonth(MonthTarget, new DateTime(2026, 11, 10, 14, 15, 0), Linear, closures);
        var at1530 = TargetPacing.ExpectedForMonth(MonthTarget, new DateTime(2026, 11, 10, 15, 30, 0), Linear, closures);
        var at16 = TargetPacing.ExpectedForMonth(MonthTarget, new DateTime(2026, 11, 10, 16, 0, 0), Linear, closures);

        Assert.Equal(at13, at1415);
        Assert.Equal(at13, at1530);
        Assert.True(at16 > at1530);
    }

    [Fact]
    public void Overlapping_events_close_the_span_once()
    {
        var twice = Closed(Shanghai, ("2026-11-10T10:00+08:00", "2026-11-10T14:00+08:00"), ("2026-11-10T12:00+08:00", "2026-11-10T16:00+08:00"));
        var once = Closed(Shanghai, ("2026-11-10T10:00+08:00", "2026-11-10T16:00+08:00"));
        var day = new DateOnly(2026, 11, 10);

        Assert.Equal(TargetPacing.DayTarget(MonthTarget, day, Linear, once), TargetPacing.DayTarget(MonthTarget, day, Linear, twice));
    }

    [Theory]
    [InlineData("Asia/Shanghai", 12, 14)] // 04:00–06:00 UTC is 12:00–14:00 in Shanghai: two open hours lost
    [InlineData("Asia/Urumqi", 10, 12)]   // and 10:00–12:00 in Urumqi: the same instant, other local hours
    public void The_same_instant_closes_each_store_in_its_own_local_hours(string zone, int fromHour, int toHour)
    {
        var closures = Closed(TimeZoneInfo.FindSystemTimeZoneById(zone), ("2026-11-10T04:00Z", "2026-11-10T06:00Z"));
        var day = new DateOnly(2026, 11, 10);
        var hours = TargetPacing.ExpectedByHour(1_000m, day, Linear, closures);

        for (var hour = 8; hour < 22; hour++)
        {
            Assert.True((hour >= fromHour && hour < toHour) == (hours[hour] == 0), $"hour {hour} in {zone}");
        }

        Assert.True(closures.IsClosedAt(day.ToDateTime(new TimeOnly(fromHour, 30))));
        Assert.False(closures.IsClosedAt(day.ToDateTime(new TimeOnly(toHour, 0))));
    }

    [Fact]
    public void A_closure_outside_opening_hours_changes_nothing()
    {
        var night = Closed(Urumqi, ("2026-11-10T22:00+06:00", "2026-11-11T08:00+06:00"));
        var day = new DateOnly(2026, 11, 10);

        Assert.Equal(10_000m, TargetPacing.DayTarget(MonthTarget, day, Linear, night), 6);
        Assert.Equal(5_000m, TargetPacing.ExpectedForDay(10_000m, new DateTime(2026, 11, 11, 15, 0, 0), Linear, night), 6);
    }

    [Fact]
    public void A_month_closed_throughout_expects_nothing()
    {
        var closures = Closed(Shanghai, ("2026-10-31T00:00+08:00", "2026-12-01T00:00+08:00"));

        Assert.Equal(0m, TargetPacing.ExpectedForMonth(MonthTarget, new DateTime(2026, 11, 20, 12, 0, 0), Linear, closures));
        Assert.Equal(0m, TargetPacing.DayTarget(MonthTarget, new DateOnly(2026, 11, 20), Linear, closures));
    }

    [Theory]
    [InlineData("2026-11-10T15:00", 0)]    // inside the whole-day closure
    [InlineData("2026-11-11T09:00", 1)]    // the next day: one open hour of 14 done
    public void A_whole_day_closure_expects_nothing_that_day(string now, int openHoursDone)
    {
        var closures = Closed(Shanghai, ("2026-11-10T00:00+08:00", "2026-11-11T00:00+08:00"));
        var local = DateTime.Parse(now, System.Globalization.CultureInfo.InvariantCulture);
        var dayTarget = TargetPacing.DayTarget(MonthTarget, DateOnly.FromDateTime(local), Linear, closures);

        Assert.Equal(dayTarget * openHoursDone / 14m, TargetPacing.ExpectedForDay(dayTarget, local, Linear, closures), 6);
    }
}
