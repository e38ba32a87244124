using StoreSales.Domain.Pacing;
using StoreSales.Domain.Targets.Decomposition;

namespace StoreSales.Domain.Tests.Targets;

/// <summary>
/// The store split (智能目标拆解) factor by factor and all together, on a March of 31 days with stores open 10:00–20:00
/// (310 opening hours), proposed on 10 February: the recent window is the 8 weeks before then.
/// </summary>
public sealed class TargetDecompositionTests
{
    private static readonly DecompositionOptions Defaults = new();
    private static readonly DateOnly March = new(2026, 3, 1);
    private static readonly DateTimeOffset InFebruary = new(2026, 2, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly OpeningHours TenToEight = new(new TimeOnly(10, 0), new TimeOnly(20, 0));

    private static StoreBaselineFacts Store(
        string id,
        decimal lastYear,
        decimal recent = 0,
        decimal recentLastYear = 0,
        decimal? turnover = null,
        DateTimeOffset? firstSale = null,
        TimeZoneInfo? zone = null,
        params StoreEventSpan[] events) =>
        new(id, zone ?? TimeZoneInfo.Utc, TenToEight, lastYear, recent, recentLastYear,
            firstSale ?? (recent > 0 ? new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero) : null), turnover, events);

    private static DateTimeOffset Day(int day, int hour = 0) => new(2026, 3, day, hour, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<StoreShareProposal> Propose(decimal amount, params StoreBaselineFacts[] stores) =>
        TargetDecomposition.Propose(March, amount, InFebruary, stores, Defaults);

    private static decimal Effect(StoreShareProposal proposal, string factor) => proposal.Factors.Single(f => f.Factor == factor).Amount;

    [Fact]
    public void Without_factors_the_shares_follow_last_years_month()
    {
        var split = Propose(10_000m, Store("a", 1_000m), Store("b", 3_000m));

        Assert.Equal([(1_000m, 2_500m), (3_000m, 7_500m)], split.Select(s => (s.Baseline, s.Proposed)));
        Assert.All(split, s => Assert.Equal(BaselineSource.LastYear, s.Source));
        Assert.All(split.SelectMany(s => s.Factors), f => Assert.Equal(0m, f.Amount));
    }

    [Theory]
    [InlineData(1_200, 1_000, 100)]     // +20 % on last year's weeks, half of it carried: +10 % of 1,000
    [InlineData(800, 1_000, -100)]      // −20 %: −10 %
    [InlineData(3_000, 1_000, 300)]     // +200 %: half is +100 %, held at the 30 % cap
    [InlineData(100, 1_000, -300)]      // −90 %: half is −45 %, held at −30 %
    public void Trend_alone_moves_a_store_by_half_its_recent_change_within_the_cap(decimal recent, decimal recentLastYear, decimal effect)
    {
        var split = Propose(2_000m + effect, Store("a", 1_000m, recent, recentLastYear), Store("b", 1_000m, 500m, 500m));

        Assert.Equal(effect, Effect(split[0], DecompositionFactors.Trend));
        Assert.Equal(0m, Effect(split[1], DecompositionFactors.Trend));
        Assert.Equal([1_000m + effect, 1_000m], split.Select(s => s.Proposed));
    }

    [Fact]
    public void Inventory_turnover_alone_moves_a_store_by_a_tenth_of_its_distance_from_the_regions_mean()
    {
        var split = Propose(3_000m, Store("fast", 1_000m, turnover: 12m), Store("slow", 1_000m, turnover: 8m), Store("unknown", 1_000m));

        // Mean of the known 10: +20 % × 0.10 = +2 %; −2 %; the store without stock data is neutral and says so.
        Assert.Equal([20m, -20m, 0m], split.Select(s => Effect(s, DecompositionFactors.InventoryTurnover)));
        Assert.Equal([true, true, false], split.Select(s => s.Factors.Single(f => f.Factor == DecompositionFactors.InventoryTurnover).Known));
        Assert.Equal([1_020m, 980m, 1_000m], split.Select(s => s.Proposed));
    }

    [Fact]
    public void Without_any_stock_data_turnover_is_not_known_anywhere()
    {
        var split = Propose(2_000m, Store("a", 1_000m), Store("b", 1_000m));

        Assert.All(split, s => Assert.False(s.Factors.Single(f => f.Factor == DecompositionFactors.InventoryTurnover).Known));
    }

    [Fact]
    public void A_promotion_alone_adds_its_uplift_over_the_share_of_opening_hours_it_covers()
    {
        // Three whole days of 31 at +31 %: 1,000 × 0.31 × 3/31 = 30.
        var promotion = new StoreEventSpan(Day(10), Day(13), ClosesStore: false, ExpectedUplift: 0.31m);
        var split = Propose(2_030m, Store("a", 1_000m, events: promotion), Store("b", 1_000m));

        Assert.Equal(30m, Effect(split[0], DecompositionFactors.Promotions));
        Assert.Equal([1_030m, 1_000m], split.Select(s => s.Proposed));
    }

    [Fact]
    public void Promotions_together_are_held_at_the_cap()
    {
        var wholeMonth = new StoreEventSpan(Day(1), new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), false, 0.40m);
        var split = Propose(1_000m, Store("a", 1_000m, events: [wholeMonth, wholeMonth with { ExpectedUplift = 0.30m }]));

        Assert.Equal(500m, Effect(split[0], DecompositionFactors.Promotions));
    }

    [Theory]
    [InlineData(2, 0, 4, 0, -64.52)]     // two whole days of 31 closed: 1,000 × 2/31
    [InlineData(2, 20, 3, 10, 0)]        // closed overnight, after closing time until opening: costs nothing
    [InlineData(2, 15, 2, 20, -16.13)]   // closed the last 5 of 310 opening hours of a day: 1,000 × 5/310
    public void Closure_alone_takes_out_the_opening_hours_it_closes(int fromDay, int fromHour, int toDay, int toHour, decimal effect)
    {
        var closure = new StoreEventSpan(Day(fromDay, fromHour), Day(toDay, toHour), ClosesStore: true, ExpectedUplift: null);
        var split = Propose(2_000m, Store("a", 1_000m, events: closure), Store("b", 1_000m));

        Assert.Equal(effect, Effect(split[0], DecompositionFactors.Closures));
        Assert.Equal(1_000m + effect, split[0].Indicated);
        Assert.Equal(2_000m, split.Sum(s => s.Proposed));
    }

    [Fact]
    public void Closure_days_count_in_the_stores_own_time_zone()
    {
        // 1 March 00:00–24:00 in Shanghai is 28 Feb 16:00 – 1 Mar 16:00 UTC: one whole opening day of the store there,
        // but only 10:00–16:00 (6 of 310 hours) of a store in UTC.
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var closure = new StoreEventSpan(new DateTimeOffset(2026, 2, 28, 16, 0, 0, TimeSpan.Zero), Day(1, 16), true, null);
        var split = Propose(2_000m, Store("shanghai", 1_000m, zone: shanghai, events: closure), Store("utc", 1_000m, events: closure));

        Assert.Equal([-32.26m, -19.35m], split.Select(s => Effect(s, DecompositionFactors.Closures)));
    }

    [Fact]
    public void All_factors_together_add_their_effects_to_the_baseline()
    {
        var promotion = new StoreEventSpan(Day(10), Day(13), false, 0.31m);
        var closure = new StoreEventSpan(Day(2), Day(4), true, null);
        var split = Propose(
            10_000.01m,
            Store("all", 1_000m, recent: 1_200m, recentLastYear: 1_000m, turnover: 12m, events: [promotion, closure]),
            Store("plain", 2_000m, turnover: 8m),
            Store("new", 0m, recent: 700m, firstSale: InFebruary.AddDays(-14)));

        // all: 1,000 + trend 100 + turnover 20 + promotion 30 − closure 64.52 = 1,085.48
        Assert.Equal([100m, 20m, 30m, -64.52m], split[0].Factors.Select(f => f.Amount));
        Assert.Equal(1_085.48m, split[0].Indicated);
        // plain: 2,000 − 2 % turnover = 1,960; new: 700 in the 14 days it has sold, × 31 = 1,550
        Assert.Equal(1_960m, split[1].Indicated);
        Assert.Equal((BaselineSource.RecentRunRate, 1_550m), (split[2].Source, split[2].Baseline));
        Assert.Equal(10_000.01m, split.Sum(s => s.Proposed));
        var exact = 10_000.01m * 1_960m / (1_085.48m + 1_960m + 1_550m);
        Assert.InRange(split[1].Proposed, exact - 0.01m, exact + 0.01m);
    }

    [Fact]
    public void A_new_store_sells_at_its_recent_daily_rate_and_a_store_not_yet_selling_at_the_regions_average()
    {
        var split = Propose(
            5_000m,
            Store("old", 2_000m),
            Store("eight-weeks", 0m, recent: 560m),
            Store("not-open", 0m));

        // 560 over the whole 56-day window: 10 a day, × 31; the region's average of the two stores with history.
        Assert.Equal(
            [(BaselineSource.LastYear, 2_000m), (BaselineSource.RecentRunRate, 310m), (BaselineSource.RegionAverage, 1_155m)],
            split.Select(s => (s.Source, s.Baseline)));
        Assert.Equal(5_000m, split.Sum(s => s.Proposed));
    }

    [Fact]
    public void A_region_without_any_history_is_split_equally()
    {
        var split = Propose(100m, Store("a", 0m), Store("b", 0m), Store("c", 0m));

        Assert.Equal([33.34m, 33.33m, 33.33m], split.Select(s => s.Proposed));
    }

    [Fact]
    public void The_recent_window_ends_now_or_when_the_month_began()
    {
        var before = TargetDecomposition.RecentWindow(March, TimeZoneInfo.Utc, InFebruary, Defaults);
        var during = TargetDecomposition.RecentWindow(March, TimeZoneInfo.Utc, Day(20), Defaults);

        Assert.Equal((InFebruary.AddDays(-56), InFebruary), before);
        Assert.Equal((Day(1).AddDays(-56), Day(1)), during);
    }
}
