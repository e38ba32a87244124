using StoreSales.Domain.Demo;

namespace StoreSales.Domain.Tests.Demo;

public sealed class DemoSeasonsTests
{
    [Theory]
    [InlineData("2026-11-09", true)]   // Double 11 runs 9–11 November
    [InlineData("2026-11-11", true)]
    [InlineData("2026-11-12", false)]
    [InlineData("2026-02-06", true)]   // the first Friday of February 2026 and its weekend
    [InlineData("2026-02-08", true)]
    [InlineData("2026-02-09", false)]
    [InlineData("2026-02-05", false)]
    [InlineData("2026-03-06", false)]  // March is no promotion month
    [InlineData("2026-08-07", true)]
    public void Promotions_fall_on_their_days(string day, bool promotion) =>
        Assert.Equal(promotion, DemoSeasons.IsPromotion(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Each_store_is_closed_on_two_days_a_year_and_sells_nothing_then()
    {
        foreach (var store in new[] { "store-sh001", "store-gz001", "store-xm001" })
        {
            var days = Enumerable.Range(0, 365).Select(d => new DateOnly(2026, 1, 1).AddDays(d)).ToList();
            var closed = days.Where(d => DemoSeasons.IsClosed(store, d)).ToList();

            Assert.Equal(2, closed.Count);
            Assert.All(closed, d => Assert.Equal(0m, DemoSeasons.DayFactor(store, d)));
        }
    }

    [Fact]
    public void A_promotion_day_sells_its_uplift_over_the_season()
    {
        var day = new DateOnly(2026, 11, 10);

        Assert.Equal(DemoSeasons.MonthFactor(11) * (1 + DemoSeasons.PromotionUplift), DemoSeasons.DayFactor("store-sh001", day));
        Assert.True(DemoSeasons.MonthFactor(1) > DemoSeasons.MonthFactor(2));
    }
}
