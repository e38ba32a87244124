using StoreSales.Domain.Pacing;
using StoreSales.Domain.Targets.Changes;

namespace StoreSales.Domain.Tests.Targets;

/// <summary>A month's target split into days on the store's pace, in cents that add up to the month exactly.</summary>
public sealed class DailySplitTests
{
    private static readonly OpeningHours Hours = new(new TimeOnly(8, 0), new TimeOnly(22, 0));

    [Theory]
    [InlineData(2026, 2, 280000.00)]
    [InlineData(2026, 3, 100000.00)]
    [InlineData(2026, 4, 100.01)]
    [InlineData(2026, 5, 0)]
    public void Linear_pace_gives_every_day_the_same_share_and_the_days_add_up_to_the_month(int year, int month, double target)
    {
        var amount = (decimal)target;

        var days = DailySplit.Of(amount, new DateOnly(year, month, 1), PacingProfile.Linear(Hours));

        Assert.Equal(DateTime.DaysInMonth(year, month), days.Count);
        Assert.Equal(amount, days.Sum(d => d.Amount));
        Assert.True(days.Max(d => d.Amount) - days.Min(d => d.Amount) <= 0.01m);
        Assert.All(days, d => Assert.Equal(d.Amount, decimal.Round(d.Amount, 2)));
    }

    [Fact]
    public void A_store_busy_on_saturdays_gets_more_of_its_month_on_saturdays()
    {
        var history = new List<HourlySales>();
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            history.Add(new HourlySales(day, 12, day == DayOfWeek.Saturday ? 300 : 100));
        }

        var days = DailySplit.Of(99_999.99m, new DateOnly(2026, 3, 1), PacingProfile.FromHistory(history, Hours));

        Assert.Equal(99_999.99m, days.Sum(d => d.Amount));
        var saturday = days.First(d => d.Day.DayOfWeek == DayOfWeek.Saturday).Amount;
        var monday = days.First(d => d.Day.DayOfWeek == DayOfWeek.Monday).Amount;
        Assert.InRange(saturday / monday, 2.99m, 3.01m);
    }

    [Fact]
    public void A_region_month_follows_its_stores_days_and_adds_up_to_the_cent()
    {
        var month = new DateOnly(2026, 3, 1);
        var linear = DailySplit.Of(31_000m, month, PacingProfile.Linear(Hours));
        var saturdays = linear.Select(d => d with { Amount = d.Day.DayOfWeek == DayOfWeek.Saturday ? d.Amount * 3 : d.Amount });

        var days = DailySplit.Apportion(100_000.03m, month, linear.Concat(saturdays));

        Assert.Equal(31, days.Count);
        Assert.Equal(100_000.03m, days.Sum(d => d.Amount));
        var saturday = days.First(d => d.Day.DayOfWeek == DayOfWeek.Saturday).Amount;
        var monday = days.First(d => d.Day.DayOfWeek == DayOfWeek.Monday).Amount;
        Assert.InRange(saturday / monday, 1.99m, 2.01m);
    }

    [Fact]
    public void A_region_whose_stores_weigh_nothing_is_spread_evenly()
    {
        var days = DailySplit.Apportion(300.00m, new DateOnly(2026, 4, 1), []);

        Assert.Equal(30, days.Count);
        Assert.All(days, d => Assert.Equal(10.00m, d.Amount));
    }
}
