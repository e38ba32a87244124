using StoreSales.Domain.Pacing;

namespace StoreSales.Domain.Tests;

public sealed class PacingTests
{
    private static readonly OpeningHours EightToTen = new(new TimeOnly(8, 0), new TimeOnly(22, 0));

    [Theory]
    [InlineData(7, 0, 0)]        // before opening
    [InlineData(8, 0, 0)]
    [InlineData(15, 0, 0.5)]     // 7 of 14 open hours
    [InlineData(11, 30, 0.25)]   // 3.5 of 14
    [InlineData(22, 0, 1)]
    [InlineData(23, 30, 1)]      // after closing
    public void Without_history_pacing_is_linear_over_opening_hours(int hour, int minute, decimal share)
    {
        var profile = PacingProfile.Linear(EightToTen);

        Assert.Equal(share, profile.ShareOfDayBy(DayOfWeek.Tuesday, new TimeOnly(hour, minute)));
    }

    [Fact]
    public void A_learned_profile_compares_eleven_oclock_with_the_usual_eleven_oclock()
    {
        // A store that does half its day between 17:00 and 19:00.
        var history = new List<HourlySales>();
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            for (var hour = 8; hour < 22; hour++)
            {
                history.Add(new HourlySales(day, hour, hour is 17 or 18 ? 600 : 100));
            }
        }

        var profile = PacingProfile.FromHistory(history, EightToTen);

        // By 11:00, 3 quiet hours of a 2,400 day: 12.5%, not 3/14 = 21%.
        Assert.Equal(0.125m, profile.ShareOfDayBy(DayOfWeek.Monday, new TimeOnly(11, 0)));
        // By 19:00, 9 quiet + 2 busy hours: (900 + 1200) / 2400.
        Assert.Equal(0.875m, profile.ShareOfDayBy(DayOfWeek.Monday, new TimeOnly(19, 0)));
    }

    [Fact]
    public void Busy_days_of_the_week_get_a_bigger_share_of_the_month()
    {
        var history = new List<HourlySales>();
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            var amount = day is DayOfWeek.Saturday or DayOfWeek.Sunday ? 200 : 100;
            history.Add(new HourlySales(day, 12, amount));
        }

        var profile = PacingProfile.FromHistory(history, EightToTen);
        // November 2026: 30 days, Sundays 1, 8, 15, 22, 29; Saturdays 7, 14, 21, 28 → 9 weekend days, 21 weekdays.
        var saturday = TargetPacing.DayTarget(390_000, new DateOnly(2026, 11, 7), profile);
        var monday = TargetPacing.DayTarget(390_000, new DateOnly(2026, 11, 9), profile);

        Assert.Equal(2 * monday, saturday, 8);
        Assert.Equal(10_000m, Math.Round(monday, 6)); // 390,000 / (21×1 + 9×2)
    }

    [Fact]
    public void Day_targets_add_up_to_the_month_target()
    {
        var profile = PacingProfile.Linear(EightToTen);
        var sum = 0m;
        for (var day = new DateOnly(2026, 2, 1); day.Month == 2; day = day.AddDays(1))
        {
            sum += TargetPacing.DayTarget(280_000, day, profile);
        }

        Assert.Equal(280_000m, Math.Round(sum, 6));
        Assert.Equal(10_000m, TargetPacing.DayTarget(280_000, new DateOnly(2026, 2, 14), profile));
    }

    [Fact]
    public void Month_expected_is_the_whole_days_before_plus_todays_pace()
    {
        var profile = PacingProfile.Linear(EightToTen);

        // 11th of a 30-day month at 15:00: 10 whole days + half of today.
        var expected = TargetPacing.ExpectedForMonth(300_000, new DateTime(2026, 11, 11, 15, 0, 0), profile);

        Assert.Equal(105_000m, Math.Round(expected, 6));
        Assert.Equal(5_000m, TargetPacing.ExpectedForDay(10_000, new DateTime(2026, 11, 11, 15, 0, 0), profile));
    }

    [Fact]
    public void Opening_hours_must_close_after_they_open()
    {
        Assert.Throws<ArgumentException>(() => PacingProfile.Linear(new OpeningHours(new TimeOnly(10, 0), new TimeOnly(9, 0))));
    }

    [Fact]
    public void The_hourly_expectation_spreads_the_day_target_over_open_hours_and_adds_up_to_it()
    {
        var hours = TargetPacing.ExpectedByHour(14_000m, new DateOnly(2026, 11, 24), PacingProfile.Linear(EightToTen));

        Assert.Equal(24, hours.Count);
        Assert.All(hours.Take(8).Concat(hours.Skip(22)), h => Assert.Equal(0m, h));
        Assert.All(hours.Skip(8).Take(14), h => Assert.Equal(1_000m, Math.Round(h, 2)));
        Assert.Equal(14_000m, Math.Round(hours.Sum(), 2));
    }
}
