using StoreSales.Domain.Demo;

namespace StoreSales.Domain.Tests.Demo;

/// <summary>Which items demo sales take: popularity by rank, and hot items that sell a set multiple of their usual rate.</summary>
public sealed class DemoItemMixTests
{
    [Fact]
    public void The_first_items_sell_most_and_the_last_still_sells()
    {
        var mix = new DemoItemMix(200);

        Assert.Equal(1d, Enumerable.Range(0, 200).Sum(i => mix.Share(i)), 9);
        Assert.True(mix.Share(0) > mix.Share(1) && mix.Share(1) > mix.Share(199));
        Assert.InRange(mix.Share(199), 0.001, 0.01);   // a few units a day in a store: its usual rate is above zero
    }

    [Fact]
    public void Picks_follow_the_shares()
    {
        var mix = new DemoItemMix(50);
        var random = new Random(7);
        var counts = new int[50];
        const int Draws = 200_000;
        for (var i = 0; i < Draws; i++)
        {
            counts[mix.Pick(random)]++;
        }

        foreach (var item in new[] { 0, 5, 49 })
        {
            Assert.Equal(mix.Share(item), counts[item] / (double)Draws, 2);
        }
    }

    [Fact]
    public void A_boosted_item_sells_lift_times_as_often_against_the_others()
    {
        var mix = new DemoItemMix(100);
        var boosts = new DemoItemBoosts([3, 10], 4);
        var random = new Random(11);
        var counts = new int[100];
        const int Draws = 300_000;
        for (var i = 0; i < Draws; i++)
        {
            counts[mix.Pick(random, boosts)]++;
        }

        // Against an item that is not boosted, a boosted one sells Lift times its usual ratio.
        var usualRatio = mix.Share(3) / mix.Share(4);
        Assert.Equal(4 * usualRatio, counts[3] / (double)counts[4], 1);
        Assert.Equal(mix.Share(10, boosts), counts[10] / (double)Draws, 2);
        Assert.Equal(4 * mix.Share(3) / mix.Share(4), mix.Share(3, boosts) / mix.Share(4, boosts), 9);
    }

    [Fact]
    public void The_expected_unit_price_weighs_prices_by_the_mix()
    {
        var mix = new DemoItemMix(2);
        decimal[] prices = [10m, 20m];
        var first = mix.Share(0);

        Assert.Equal((decimal)((first * 10) + ((1 - first) * 20)), mix.ExpectedUnitPrice(prices), 6);
        Assert.True(mix.ExpectedUnitPrice(prices, new DemoItemBoosts([1], 5)) > mix.ExpectedUnitPrice(prices));
    }

    [Fact]
    public void Hot_items_are_best_sellers_that_change_each_period_and_are_the_same_for_the_same_seed()
    {
        var schedule = new DemoHotItemSchedule(Count: 3, Lift: 4, Duration: TimeSpan.FromMinutes(30), AmongTop: 20);
        var at = new DateTimeOffset(2026, 12, 5, 10, 5, 0, TimeSpan.Zero);

        var now = schedule.At(at, seed: 42, itemCount: 200)!;
        Assert.Equal(3, now.Items.Distinct().Count());
        Assert.All(now.Items, i => Assert.InRange(i, 0, 19));
        Assert.Equal(4, now.Lift);
        Assert.Equal(now.Items, schedule.At(at.AddMinutes(20), seed: 42, itemCount: 200)!.Items);   // same period
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 10, 30, 0, TimeSpan.Zero), schedule.PeriodEnd(at));

        var periods = Enumerable.Range(0, 8).Select(p => string.Join(',', schedule.At(at.AddMinutes(30 * p), 42, 200)!.Items)).ToList();
        Assert.True(periods.Distinct().Count() > 1, "the hot items change from period to period");
        Assert.Null(schedule with { Count = 0 } is var none ? none.At(at, 42, 200) : null);
    }
}
