using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Grading;

namespace StoreSales.Domain.Tests.SalesForce;

public sealed class CustomerHealthScoreTests
{
    private static readonly CustomerHealthOptions Defaults = new();

    public static TheoryData<string, int, double?, decimal, decimal, int> Cases => new()
    {
        // because, interactions, average response (hours), amount, previous amount, score
        { "everything at its best", 4, 1, 1_000m, 0m, 100 },
        { "more than full marks counts as full", 40, 0, 1_000m, 0m, 100 },
        { "everything at its worst", 0, 72, 0m, 1_000m, 0 },
        { "far past the worst", 0, 1_000, -500m, 1_000m, 0 },
        { "nothing at all: no contact, nothing owed, no orders", 0, null, 0m, 0m, 45 },
        { "steady orders, weekly contact, answered within 4 h", 4, 4, 500m, 500m, 85 },
        { "response half-way between 4 h and 72 h", 4, 38, 500m, 500m, 70 },
        { "response 4 h 0.1 past good", 4, 4.1, 500m, 500m, 85 },
        { "two interactions of four", 2, null, 500m, 500m, 65 },
        { "orders doubled", 4, null, 1_000m, 500m, 90 },
        { "orders halved", 4, null, 500m, 1_000m, 80 },
        { "orders stopped", 4, null, 0m, 1_000m, 70 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_score_follows_the_documented_formula(string because, int interactions, double? responseHours, decimal amount, decimal previous, int score)
    {
        var inputs = new CustomerHealthInputs(interactions, responseHours is { } h ? TimeSpan.FromHours(h) : null, amount, previous);

        Assert.True(score == CustomerHealthScore.Score(inputs, Defaults), $"{because}: {CustomerHealthScore.Score(inputs, Defaults)}");
    }

    [Fact]
    public void The_score_is_bounded_and_monotone_in_every_input()
    {
        int[] interactions = [-1, 0, 1, 3, 4, 5, 100];
        double?[] responses = [null, -1, 0, 4, 10, 38, 71.9, 72, 500];
        decimal[] amounts = [-100m, 0m, 1m, 500m, 1_000m, 1_000_000m];
        foreach (var i in interactions)
        {
            foreach (var r in responses)
            {
                foreach (var current in amounts)
                {
                    foreach (var previous in amounts)
                    {
                        var inputs = new CustomerHealthInputs(i, r is { } h ? TimeSpan.FromHours(h) : null, current, previous);
                        var score = Score(inputs);
                        Assert.InRange(score, 0, 100);
                        Assert.True(Score(inputs with { Interactions = i + 1 }) >= score);
                        Assert.True(Score(inputs with { OrderAmount = current + 1 }) >= score);
                        Assert.True(Score(inputs with { PreviousOrderAmount = previous + 1 }) <= score);
                        if (r is { } hours)
                        {
                            Assert.True(Score(inputs with { AverageResponse = TimeSpan.FromHours(hours + 1) }) <= score);
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void Weights_come_from_configuration()
    {
        var frequencyOnly = Defaults with { ResponseWeight = 0, TrendWeight = 0 };

        Assert.Equal(50, CustomerHealthScore.Score(new CustomerHealthInputs(2, TimeSpan.FromDays(9), 0m, 1m), frequencyOnly));
    }

    [Theory]
    [InlineData(null, 10, false)]  // a first score never alerts
    [InlineData(40, 39, true)]     // crossed below 40
    [InlineData(41, 40, false)]    // still at 40
    [InlineData(39, 30, false)]    // already below, fell 9
    [InlineData(90, 70, true)]     // fell 20 points
    [InlineData(90, 71, false)]    // fell 19 points
    [InlineData(50, 60, false)]    // rose
    public void A_fall_past_the_threshold_or_by_20_points_alerts_the_owner(int? previous, int current, bool alerts) =>
        Assert.Equal(alerts, CustomerHealthScore.HasDropped(previous, current, Defaults));

    [Fact]
    public void The_drop_by_points_can_be_switched_off() =>
        Assert.False(CustomerHealthScore.HasDropped(95, 41, Defaults with { AlertOnDropOf = 0 }));

    public static TheoryData<string, CustomerHealthOptions, bool> OptionCases => new()
    {
        { "defaults", Defaults, true },
        { "no full marks", Defaults with { InteractionsForFullMarks = 0 }, false },
        { "poor not after good", Defaults with { PoorResponse = TimeSpan.FromHours(4) }, false },
        { "negative weight", Defaults with { TrendWeight = -1 }, false },
        { "all weights zero", Defaults with { FrequencyWeight = 0, ResponseWeight = 0, TrendWeight = 0 }, false },
        { "threshold over 100", Defaults with { AlertBelow = 101 }, false },
        { "negative drop", Defaults with { AlertOnDropOf = -1 }, false },
        { "no interaction kind counted", Defaults with { InteractionKinds = InteractionKinds.None }, false },
        { "an unknown interaction kind", Defaults with { InteractionKinds = (InteractionKinds)64 }, false },
    };

    [Theory]
    [MemberData(nameof(OptionCases))]
    public void Options_are_validated(string because, CustomerHealthOptions options, bool valid) =>
        Assert.True(valid == options.Validate() is null, because);

    private static int Score(CustomerHealthInputs inputs) => CustomerHealthScore.Score(inputs, Defaults);
}
