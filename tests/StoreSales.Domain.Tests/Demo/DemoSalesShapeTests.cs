using StoreSales.Domain.Demo;
using StoreSales.Domain.Pacing;
using StoreSales.Domain.Targets;

namespace StoreSales.Domain.Tests.Demo;

/// <summary>The demo's sales shape: what the history is written with and what the simulated tills sell by.</summary>
public sealed class DemoSalesShapeTests
{
    private static readonly DateOnly Tuesday = new(2026, 12, 1);
    private static readonly DateOnly Saturday = new(2026, 12, 5);

    private static DemoStoreProfile Store(decimal pace = 1m, string opens = "08:00", string closes = "22:00") =>
        DemoStoreProfile.Create("store-test", "Asia/Shanghai", opens, closes, 1_800_000m, pace);

    /// <summary>Four weeks of history as the demo writes it, summed per (day of week, hour) as the server learns it.</summary>
    private static PacingProfile LearnedFromHistory(DemoStoreProfile store) =>
        PacingProfile.FromHistory(
            Enumerable.Range(0, 28).SelectMany(d =>
            {
                var day = Tuesday.AddDays(-28 + d);
                return Enumerable.Range(0, 24).Select(h => new HourlySales(day.DayOfWeek, h, DemoSalesShape.HourAmount(store, day, h)));
            }),
            store.Hours);

    /// <summary>What the simulated tills have sold by <paramref name="localTime"/>: the rate integrated minute by minute.</summary>
    private static decimal SoldBy(DemoStoreProfile store, DateOnly day, TimeOnly localTime)
    {
        var sold = 0m;
        for (var minute = 0; minute < (localTime.Hour * 60) + localTime.Minute; minute++)
        {
            var local = day.ToDateTime(new TimeOnly(minute / 60, minute % 60));
            sold += DemoSalesShape.RateAt(store, new DateTimeOffset(local, store.TimeZone.GetUtcOffset(local))) / 60;
        }

        return sold;
    }

    [Fact]
    public void A_day_sells_its_share_of_the_monthly_target_with_lunch_and_evening_peaks_and_nothing_while_closed()
    {
        var store = Store();
        var hours = Enumerable.Range(0, 24).Select(h => DemoSalesShape.HourAmount(store, Tuesday, h)).ToArray();

        Assert.Equal(DemoSalesShape.DayAmount(store, Tuesday), hours.Sum(), 6);
        Assert.Equal(1_800_000m, Enumerable.Range(0, 31).Sum(d => DemoSalesShape.DayAmount(store, Tuesday.AddDays(d))), 6);   // December
        Assert.True(DemoSalesShape.DayAmount(store, Saturday) > DemoSalesShape.DayAmount(store, Tuesday));
        Assert.All(hours[..8].Concat(hours[22..]), a => Assert.Equal(0m, a));
        Assert.True(hours[12] > hours[10] && hours[18] > hours[12] && hours[18] > hours[21]);
    }

    [Fact]
    public void A_store_closing_on_the_half_hour_sells_half_an_hour_in_its_last_hour()
    {
        var store = Store(closes: "21:30");

        Assert.Equal(0.5m, DemoSalesShape.OpenShare(store.Hours, 21));
        Assert.Equal(DemoSalesShape.HourlyRate(store, Tuesday, 21) / 2, DemoSalesShape.HourAmount(store, Tuesday, 21));
        Assert.Equal(DemoSalesShape.DayAmount(store, Tuesday), Enumerable.Range(0, 24).Sum(h => DemoSalesShape.HourAmount(store, Tuesday, h)), 6);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(12)]
    [InlineData(17)]
    [InlineData(21)]
    public void The_live_rate_has_the_shape_the_pacing_profile_learns_from_the_history(int hour)
    {
        var store = Store();
        var profile = LearnedFromHistory(store);

        foreach (var day in new[] { Tuesday, Saturday })
        {
            var share = DemoSalesShape.HourAmount(store, day, hour) / DemoSalesShape.DayAmount(store, day);
            Assert.Equal(profile.ShareOfHour(day.DayOfWeek, hour), share, 6);
        }

        Assert.Equal(DemoSalesShape.DayWeight(DayOfWeek.Saturday) / DemoSalesShape.DayWeight(DayOfWeek.Tuesday), profile.DayWeight(DayOfWeek.Saturday) / profile.DayWeight(DayOfWeek.Tuesday), 6);
    }

    [Theory]
    [InlineData(0.78, TargetBand.Red, PaceDirection.Behind)]
    [InlineData(0.90, TargetBand.Yellow, PaceDirection.Behind)]
    [InlineData(0.97, TargetBand.Green, PaceDirection.OnPace)]
    [InlineData(1.00, TargetBand.Green, PaceDirection.OnPace)]
    [InlineData(1.25, TargetBand.Red, PaceDirection.Ahead)]
    public void A_stores_pace_is_its_deviation_from_the_expected_amount_at_every_hour_of_the_day(double pace, TargetBand band, PaceDirection direction)
    {
        var store = Store((decimal)pace);
        var profile = LearnedFromHistory(store);
        var dayTarget = TargetPacing.DayTarget(store.MonthlyTarget, Tuesday, profile);

        foreach (var time in new[] { new TimeOnly(9, 30), new TimeOnly(12, 0), new TimeOnly(15, 45), new TimeOnly(18, 20), new TimeOnly(21, 59) })
        {
            var expected = TargetPacing.ExpectedForDay(dayTarget, Tuesday.ToDateTime(time), profile);
            var options = new TargetStatusOptions();
            var status = TargetStatusRule.Evaluate(SoldBy(store, Tuesday, time), expected, dayTarget, previous: null, options);

            Assert.Equal((decimal)pace - 1, status.Deviation!.Value, 3);
            // The band of the deviation itself: early in the day the rule still holds red back (too little expected yet).
            Assert.Equal((band, direction), (TargetStatusRule.BandOf(Math.Abs(status.Deviation.Value), options), status.Direction));
        }
    }

    [Fact]
    public void A_closed_store_sells_nothing_and_knows_when_it_opens_next()
    {
        var store = Store(opens: "09:00");
        var lateEvening = new DateTimeOffset(2026, 12, 1, 22, 30, 0, TimeSpan.FromHours(8));

        Assert.Equal(0m, DemoSalesShape.RateAt(store, lateEvening));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(8)), DemoSalesShape.NextOpening(store, lateEvening));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(8)), DemoSalesShape.NextOpening(store, lateEvening.AddHours(3)));
        var open = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(open, DemoSalesShape.NextOpening(store, open));
    }
}
