using StoreSales.Domain.Pacing;
using StoreSales.Domain.Targets.Attribution;

namespace StoreSales.Domain.Tests.Targets;

/// <summary>
/// The attribution split on a constructed month: a Shanghai store open 10:00–20:00 every day of November 2026 with a
/// flat (linear) profile and a target of 300,000, so each open hour was expected to bring exactly 1,000.
/// </summary>
public sealed class AttributionRuleTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly OpeningHours TenToEight = new(new TimeOnly(10, 0), new TimeOnly(20, 0));
    private static readonly TimeSpan ResolveWithin = TimeSpan.FromHours(4);
    private static readonly AttributionOptions Options = new();

    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8));

    private static ClockSpan Span(int day, int fromHour, int toHour) => new(At(day, fromHour), At(day, toHour));

    private static StoreMonthFacts Store(decimal actual, decimal target = 300_000m, PacingProfile? profile = null) =>
        new("store-t", "region-t", new DateOnly(2026, 11, 1), Shanghai, TenToEight, profile ?? PacingProfile.Linear(TenToEight), target, actual);

    private static StoreEventFact Closure(long id, string kind, ClockSpan span) => new(id, kind, span, true, null, 0m);

    public static TheoryData<string, StoreMonthFacts, (string Kind, decimal Hours, decimal Cost, decimal Explained)[], decimal> Cases => new()
    {
        {
            "a weather closure of four opening hours cost four hours' expected sales; the rest of the gap is unexplained",
            Store(290_000m) with { Events = [Closure(1, "weather-closure", Span(10, 14, 18))] },
            [("weather-closure", 4m, 4_000m, 4_000m)],
            6_000m
        },
        {
            "a closure reaching past closing time costs only its opening hours",
            Store(290_000m) with { Events = [Closure(1, "refit", new ClockSpan(At(10, 18), At(11, 12)))] },
            [("refit", 4m, 4_000m, 4_000m)],
            6_000m
        },
        {
            "an outage overlapping the closure is charged only for the hours the closure had not taken",
            Store(290_000m) with { Events = [Closure(2, "outage", Span(10, 16, 20)), Closure(1, "weather-closure", Span(10, 14, 18))] },
            [("weather-closure", 4m, 4_000m, 4_000m), ("outage", 2m, 2_000m, 2_000m)],
            4_000m
        },
        {
            "road works that left the store open cost what it sold below its expected over them",
            Store(290_000m) with { Events = [new StoreEventFact(3, "road-works", Span(5, 10, 20), false, null, 7_500m)] },
            [("road-works", 10m, 2_500m, 2_500m)],
            7_500m
        },
        {
            "a promotion expected +25 % that sold 9,000 of an expected 10,000 fell 1,000 short, within its 2,000 uplift",
            Store(290_000m) with { Events = [new StoreEventFact(4, "promotion", Span(20, 10, 20), false, 0.25m, 9_000m)] },
            [(GapCauses.PromotionShortfall, 10m, 1_000m, 1_000m)],
            9_000m
        },
        {
            "a promotion far below its day is charged no more than its uplift's part",
            Store(290_000m) with { Events = [new StoreEventFact(4, "promotion", Span(20, 10, 20), false, 0.25m, 6_000m)] },
            [(GapCauses.PromotionShortfall, 10m, 2_000m, 2_000m)],
            8_000m
        },
        {
            "a promotion that delivered explains nothing",
            Store(290_000m) with { Events = [new StoreEventFact(4, "promotion", Span(20, 10, 20), false, 0.25m, 12_000m)] },
            [],
            10_000m
        },
        {
            "a red alert raised at 10:00 and resolved at 19:00 was overdue from 14:00: five hours that sold 3,000 of 5,000",
            Store(290_000m) with { RedInterventions = [new RedInterventionFact("a-1", At(12, 10), At(12, 19), 3_000m)] },
            [(GapCauses.RedInterventionOverdue, 5m, 2_000m, 2_000m)],
            8_000m
        },
        {
            "a red alert resolved within the SLA is no management gap",
            Store(290_000m) with { RedInterventions = [new RedInterventionFact("a-1", At(12, 10), At(12, 13), 0m)] },
            [],
            10_000m
        },
        {
            "a red alert never resolved is overdue to the month's end",
            Store(290_000m) with { RedInterventions = [new RedInterventionFact("a-1", At(30, 12), null, 1_000m)] },
            [(GapCauses.RedInterventionOverdue, 4m, 3_000m, 3_000m)],
            7_000m
        },
        {
            "a till offline three opening hours of four tills costs a quarter of those hours; a ten-minute blip nothing",
            Store(290_000m) with
            {
                Tills = 4,
                OfflineTills = [new OfflineTillFact("T2", Span(15, 12, 15)), new OfflineTillFact("T3", new ClockSpan(At(16, 12), At(16, 12, 10)))],
            },
            [(GapCauses.TillOffline, 3m, 750m, 750m)],
            9_250m
        },
        {
            "a till offline overnight and while the store was closed costs only its open, unclosed hours",
            Store(290_000m) with
            {
                Tills = 2,
                Events = [Closure(1, "outage", Span(15, 10, 12))],
                OfflineTills = [new OfflineTillFact("T1", new ClockSpan(At(14, 18), At(15, 14)))],
            },
            [("outage", 2m, 2_000m, 2_000m), (GapCauses.TillOffline, 4m, 2_000m, 2_000m)],
            6_000m
        },
        {
            "a correction that raised the target by 20,000 for new customers, missed by far: the raise is a management gap",
            Store(250_000m) with { Calibration = new CalibrationFact(280_000m, 300_000m, ["new-customer-penetration"]) },
            [(GapCauses.CalibrationProvedWrong, 0m, 20_000m, 20_000m)],
            30_000m
        },
        {
            "a raise missed by less than the tolerance did not prove wrong",
            Store(290_000m) with { Calibration = new CalibrationFact(280_000m, 300_000m, ["staffing"]) },
            [],
            10_000m
        },
        {
            "a correction that lowered the target for a competitor, and the store beat the proposal: wrong, at no cost",
            Store(325_000m) with { Calibration = new CalibrationFact(320_000m, 300_000m, ["competitor-nearby"]) },
            [(GapCauses.CalibrationProvedWrong, 0m, 0m, 0m)],
            0m
        },
        {
            "causes are capped by what is left of the gap, objective first",
            Store(295_000m) with
            {
                Events = [Closure(1, "weather-closure", Span(10, 14, 18))],
                RedInterventions = [new RedInterventionFact("a-1", At(12, 10), At(12, 19), 3_000m)],
            },
            [("weather-closure", 4m, 4_000m, 4_000m), (GapCauses.RedInterventionOverdue, 5m, 2_000m, 1_000m)],
            0m
        },
        {
            "a target beaten leaves nothing to explain, however much went wrong",
            Store(310_000m) with { Events = [Closure(1, "weather-closure", Span(10, 14, 18))] },
            [("weather-closure", 4m, 4_000m, 0m)],
            0m
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_gap_is_split_into_its_causes(string because, StoreMonthFacts store, (string Kind, decimal Hours, decimal Cost, decimal Explained)[] causes, decimal unexplained)
    {
        var split = AttributionRule.Split(store, Options, ResolveWithin);

        Assert.True(
            causes.SequenceEqual(split.Causes.Select(c => (c.Kind, c.Hours, c.EstimatedCost, c.Explained))),
            $"{because}: {string.Join("; ", split.Causes)}");
        Assert.Equal(unexplained, split.Unexplained);
        Assert.Equal(Math.Max(0m, split.Gap), split.Objective + split.Management + split.Unexplained);
    }

    [Fact]
    public void Objective_and_management_causes_are_told_apart()
    {
        var split = AttributionRule.Split(
            Store(280_000m) with
            {
                Events = [Closure(1, "weather-closure", Span(10, 14, 18))],
                RedInterventions = [new RedInterventionFact("a-1", At(12, 10), At(12, 19), 3_000m)],
            },
            Options,
            ResolveWithin);

        Assert.Equal((20_000m, 4_000m, 2_000m, 14_000m), (split.Gap, split.Objective, split.Management, split.Unexplained));
    }

    [Fact]
    public void A_closure_on_a_busy_day_costs_more_than_on_a_quiet_one()
    {
        // Saturdays sell twice a weekday's amount, evenly over the open hours: 5 weekdays × 1 + 2 × 1 (Sunday, quiet) + 2 = 8.
        var history = Enumerable.Range(10, 10).SelectMany(hour => Enum.GetValues<DayOfWeek>()
            .Select(day => new HourlySales(day, hour, day == DayOfWeek.Saturday ? 200m : 100m)));
        var profile = PacingProfile.FromHistory(history, TenToEight);
        // November 2026: 4 Saturdays (the 7th, 14th, 21st, 28th) of 30 days: the month weighs 26 × 1 + 4 × 2 = 34 (in mean-day units 34 / (8/7)).
        var onSaturday = AttributionRule.Split(Store(0m, 340_000m, profile) with { Events = [Closure(1, "weather-closure", Span(14, 10, 20))] }, Options, ResolveWithin);
        var onMonday = AttributionRule.Split(Store(0m, 340_000m, profile) with { Events = [Closure(1, "weather-closure", Span(16, 10, 20))] }, Options, ResolveWithin);

        Assert.Equal(20_000m, onSaturday.Causes[0].EstimatedCost);
        Assert.Equal(10_000m, onMonday.Causes[0].EstimatedCost);
    }

    [Fact]
    public void A_region_rolls_up_the_shortfall_of_the_stores_that_missed_without_a_winner_hiding_it()
    {
        var missed = AttributionRule.Split(Store(290_000m) with { Events = [Closure(1, "weather-closure", Span(10, 14, 18))] }, Options, ResolveWithin);
        var beat = AttributionRule.Split(Store(320_000m) with { StoreId = "store-u" }, Options, ResolveWithin);
        var other = AttributionRule.Split(Store(100m, 100m) with { StoreId = "store-v", RegionId = "region-u" }, Options, ResolveWithin);

        var regions = RegionAttribution.RollUp([missed, beat, other]);

        Assert.Equal(
            [
                new RegionAttribution("region-t", 2, 600_000m, 610_000m, 10_000m, 4_000m, 0m, 6_000m),
                new RegionAttribution("region-u", 1, 100m, 100m, 0m, 0m, 0m, 0m),
            ],
            regions);
        Assert.Equal(-10_000m, regions[0].Gap);
    }
}
