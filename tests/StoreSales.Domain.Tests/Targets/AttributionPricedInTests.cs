using StoreSales.Domain.Pacing;
using StoreSales.Domain.Targets.Attribution;

namespace StoreSales.Domain.Tests.Targets;

/// <summary>
/// The seam with decomposition on a constructed month: a Shanghai store open 10:00–20:00 every day of November 2026,
/// flat profile, target 300,000 (each open hour expected to bring 1,000), that sold 290,000: a 10,000 gap. The month's
/// decomposition was proposed on 1 October; what it priced into the target (closure days, promotion uplift) decides
/// what the same events may still excuse.
/// </summary>
public sealed class AttributionPricedInTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly OpeningHours TenToEight = new(new TimeOnly(10, 0), new TimeOnly(20, 0));
    private static readonly DateTimeOffset ProposedAt = new(2026, 10, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Before = ProposedAt.AddDays(-3);
    private static readonly DateTimeOffset After = ProposedAt.AddDays(20);

    private static DateTimeOffset At(int day, int hour) => new(2026, 11, day, hour, 0, 0, TimeSpan.FromHours(8));

    private static StoreMonthFacts Store(PricedInFact? pricedIn, params StoreEventFact[] events) =>
        new("store-t", "region-t", new DateOnly(2026, 11, 1), Shanghai, TenToEight, PacingProfile.Linear(TenToEight), 300_000m, 290_000m)
        {
            Events = events,
            PricedIn = pricedIn,
        };

    /// <summary>A decomposition whose indicated amount was the proposal itself (scale 1), with the given factor effects.</summary>
    private static PricedInFact Priced(decimal closures = 0m, decimal promotions = 0m) => new(ProposedAt, 300_000m, 300_000m, closures, promotions);

    private static StoreEventFact Closure(long id, int day, DateTimeOffset recordedAt) =>
        new(id, "weather-closure", new ClockSpan(At(day, 14), At(day, 18)), true, null, 0m) { RecordedAt = recordedAt };

    private static StoreEventFact Promotion(DateTimeOffset recordedAt, decimal sold) =>
        new(9, "promotion", new ClockSpan(At(20, 10), At(20, 20)), false, 0.25m, sold) { RecordedAt = recordedAt };

    public static TheoryData<string, StoreMonthFacts, (string Kind, decimal Cost, decimal PricedIn, decimal Explained)[], decimal> Cases => new()
    {
        {
            "without a decomposition a four-hour closure explains its 4,000",
            Store(null, Closure(1, 10, Before)),
            [("weather-closure", 4_000m, 0m, 4_000m)],
            6_000m
        },
        {
            "a closure the decomposition priced in whole (-4,000) explains nothing again: the target already made room for it",
            Store(Priced(closures: -4_000m), Closure(1, 10, Before)),
            [("weather-closure", 0m, 4_000m, 0m)],
            10_000m
        },
        {
            "a closure the decomposition priced at half its loss (-2,000) still explains the other 2,000",
            Store(Priced(closures: -2_000m), Closure(1, 10, Before)),
            [("weather-closure", 2_000m, 2_000m, 2_000m)],
            8_000m
        },
        {
            "the closure effect is worth its share of the target: -8,000 of an indicated 600,000 split to 300,000 is 4,000",
            Store(new PricedInFact(ProposedAt, 600_000m, 300_000m, -8_000m, 0m), Closure(1, 10, Before)),
            [("weather-closure", 0m, 4_000m, 0m)],
            10_000m
        },
        {
            "a closure recorded after the proposal was not priced in and explains its whole 4,000",
            Store(Priced(closures: -4_000m), Closure(1, 10, After)),
            [("weather-closure", 4_000m, 0m, 4_000m)],
            6_000m
        },
        {
            "an allowance for one closure is taken off the first known closure only; the second still explains",
            Store(Priced(closures: -4_000m), Closure(1, 10, Before), Closure(2, 12, Before)),
            [("weather-closure", 0m, 4_000m, 0m), ("weather-closure", 4_000m, 0m, 4_000m)],
            6_000m
        },
        {
            "a promotion priced in (+2,000 uplift) that sold 6,000 of 10,000 explains its uplift: the calendar's promise, not the store's",
            Store(Priced(promotions: 2_000m), Promotion(Before, 6_000m)),
            [(GapCauses.PromotionShortfall, 2_000m, 0m, 2_000m)],
            8_000m
        },
        {
            "a promotion explains no more uplift than the decomposition put into the target (+500)",
            Store(Priced(promotions: 500m), Promotion(Before, 6_000m)),
            [(GapCauses.PromotionShortfall, 500m, 0m, 500m)],
            9_500m
        },
        {
            "a promotion recorded after the proposal explains nothing: the target never counted on its uplift",
            Store(Priced(promotions: 2_000m), Promotion(After, 6_000m)),
            [],
            10_000m
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void What_the_decomposition_priced_in_does_not_excuse_the_gap_twice(
        string because, StoreMonthFacts store, (string Kind, decimal Cost, decimal PricedIn, decimal Explained)[] causes, decimal unexplained)
    {
        var split = AttributionRule.Split(store, new AttributionOptions(), TimeSpan.FromHours(4));

        Assert.True(
            causes.SequenceEqual(split.Causes.Select(c => (c.Kind, c.EstimatedCost, c.PricedIn, c.Explained))),
            $"{because}: got {string.Join("; ", split.Causes.Select(c => $"{c.Kind} cost {c.EstimatedCost} priced-in {c.PricedIn} explained {c.Explained}"))}");
        Assert.Equal(unexplained, split.Unexplained);
    }
}
