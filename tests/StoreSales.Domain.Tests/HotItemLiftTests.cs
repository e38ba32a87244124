using StoreSales.Domain.HotItems;

namespace StoreSales.Domain.Tests;

public sealed class HotItemLiftTests
{
    private static readonly HotItemOptions Defaults = new(); // prior 2 units, minimum 3 units, hot from lift 1.5

    [Theory]
    [InlineData(10, 0, 6.0, true)]        // no history: (10 + 2) / 2, finite
    [InlineData(10, 10, 1.0, false)]      // selling exactly as usual
    [InlineData(20, 10, 1.8333, true)]    // (20 + 2) / (10 + 2)
    [InlineData(4, 2, 1.5, true)]         // lift exactly at the hot edge
    [InlineData(3, 0, 2.5, true)]         // exactly the minimum units
    [InlineData(2, 0, 2.0, false)]        // below the minimum units: never hot, however high the lift
    [InlineData(0, 5, 0.2857, false)]     // usually sells, not now
    [InlineData(0, 0, 1.0, false)]        // nothing now, nothing usually
    [InlineData(-3, 0, 0.0, false)]       // more returned than sold: no negative lift
    [InlineData(10, -1, 6.0, true)]       // a negative usual (more returns than sales in history) counts as none
    public void Lift_is_units_against_usual_units_smoothed_by_the_prior(decimal units, decimal usual, decimal lift, bool hot)
    {
        var result = ItemLift.Of(units, usual, Defaults);

        Assert.Equal(lift, result.Lift);
        Assert.Equal(hot, result.IsHot);
        Assert.Equal(Math.Max(0, usual), result.UsualUnits);
    }

    [Theory]
    [InlineData(15, 8, 6, 2.0)]     // a quarter hour usually sees 2 units: (6 + 2) / (2 + 2)
    [InlineData(60, 8, 6, 0.8)]     // an hour usually sees 8: (6 + 2) / (8 + 2)
    [InlineData(30, 0, 6, 4.0)]     // no history
    public void Usual_units_per_hour_scale_to_the_window(int minutes, decimal usualPerHour, decimal units, decimal lift)
    {
        Assert.Equal(lift, ItemLift.Of(units, usualPerHour, TimeSpan.FromMinutes(minutes), Defaults).Lift);
    }

    [Fact]
    public void A_larger_prior_pulls_small_counts_towards_usual()
    {
        var cautious = Defaults with { PriorUnits = 10 };

        Assert.Equal(6.0m, ItemLift.Of(10, 0, Defaults).Lift);
        Assert.Equal(2.0m, ItemLift.Of(10, 0, cautious).Lift);
        Assert.False(ItemLift.Of(10, 0, cautious with { HotLift = 2.5m }).IsHot);
    }

    [Fact]
    public void Hot_list_ranks_by_lift_not_raw_units_and_a_single_sale_never_leads()
    {
        var usual = UsualVelocity.FromHistory(new DateTime(2026, 11, 11, 15, 0, 0), [("staple", 160), ("runner", 4)], weeksObserved: 4);
        ItemVelocity[] now =
        [
            new("staple", 50, 50),  // usual 40/h: lift 52/42 ≈ 1.24
            new("newbie", 1, 1),    // no history: lift 1.5, but one unit is not a run
            new("runner", 5, 5),    // usual 1/h: lift 7/3 ≈ 2.33
        ];

        var ranked = HotItemRanking.Rank(now, usual, TimeSpan.FromHours(1), 10, Defaults);

        Assert.Equal(["runner", "staple", "newbie"], ranked.Select(r => r.ItemCode));
        Assert.Equal(40m, ranked[1].UsualUnitsPerHour);
        Assert.True(ranked[0].Lift.IsHot);
        Assert.False(ranked[1].Lift.IsHot);
    }

    [Fact]
    public void Equal_lifts_rank_by_units_then_code_and_the_list_is_cut_at_count()
    {
        var usual = UsualVelocity.FromHistory(new DateTime(2026, 11, 11, 15, 0, 0), [("a", 8), ("b", 3), ("c", 3)], weeksObserved: 1);
        ItemVelocity[] now = [new("c", 3, 3), new("a", 8, 8), new("b", 3, 3)];

        var ranked = HotItemRanking.Rank(now, usual, TimeSpan.FromHours(1), 2, Defaults);

        Assert.Equal(["a", "b"], ranked.Select(r => r.ItemCode));
    }

    [Fact]
    public void Usual_velocity_averages_over_the_weeks_that_had_sales()
    {
        var usual = UsualVelocity.FromHistory(new DateTime(2026, 11, 11, 15, 20, 0), [("A", 8), ("A", 4), ("B", 2)], weeksObserved: 4);

        Assert.Equal(3m, usual.UnitsPerHour("A"));
        Assert.Equal(0.5m, usual.UnitsPerHour("B"));
        Assert.Equal(0m, usual.UnitsPerHour("never-sold"));
        Assert.Equal(new DateTime(2026, 11, 11, 15, 0, 0), usual.HourStart);
        Assert.Equal(0m, UsualVelocity.Average(12, 0));
        Assert.Equal(0m, UsualVelocity.FromHistory(usual.HourStart, [("A", 8)], 0).UnitsPerHour("A"));
    }

    [Theory]
    [InlineData("2026-11-11T15:00:00", true)]
    [InlineData("2026-11-11T15:59:59", true)]
    [InlineData("2026-11-11T16:00:00", false)] // the hour moved on: reload
    [InlineData("2026-11-11T14:59:59", false)]
    [InlineData("2026-11-18T15:30:00", false)] // same hour of the week, a week later: still a new baseline
    public void A_baseline_covers_its_own_hour_only(string localNow, bool covers)
    {
        var usual = UsualVelocity.None(new DateTime(2026, 11, 11, 15, 42, 0));

        Assert.Equal(covers, usual.Covers(DateTime.Parse(localNow, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Options_refuse_a_prior_of_zero_and_document_the_defaults()
    {
        Assert.Null(Defaults.Validate());
        Assert.Contains("PriorUnits", (Defaults with { PriorUnits = 0 }).Validate(), StringComparison.Ordinal);
        Assert.Contains("UsualWeeks", (Defaults with { UsualWeeks = 0 }).Validate(), StringComparison.Ordinal);
        Assert.Equal((2m, 3m, 1.5m, 4), (Defaults.PriorUnits, Defaults.MinimumUnits, Defaults.HotLift, Defaults.UsualWeeks));
    }
}
