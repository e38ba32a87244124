using StoreSales.Domain.Targets;

namespace StoreSales.Domain.Tests;

public sealed class TargetStatusRuleTests
{
    private static readonly TargetStatusOptions Defaults = new();

    // expected 1000 of a 2000 target: red is allowed (50% of the target is expected).
    [Theory]
    [InlineData(1000, TargetBand.Green, PaceDirection.OnPace)]   // d = 0
    [InlineData(1050, TargetBand.Green, PaceDirection.OnPace)]   // d = +5% exactly: still green
    [InlineData(950, TargetBand.Green, PaceDirection.OnPace)]    // d = −5% exactly: still green
    [InlineData(1050.01, TargetBand.Yellow, PaceDirection.Ahead)]
    [InlineData(949.99, TargetBand.Yellow, PaceDirection.Behind)]
    [InlineData(1150, TargetBand.Yellow, PaceDirection.Ahead)]   // d = +15% exactly: still yellow
    [InlineData(850, TargetBand.Yellow, PaceDirection.Behind)]   // d = −15% exactly: still yellow
    [InlineData(1150.01, TargetBand.Red, PaceDirection.Ahead)]
    [InlineData(849.99, TargetBand.Red, PaceDirection.Behind)]
    [InlineData(0, TargetBand.Red, PaceDirection.Behind)]
    public void Band_edges_follow_the_chain_defaults(decimal actual, TargetBand band, PaceDirection direction)
    {
        var status = TargetStatusRule.Evaluate(actual, expected: 1000, periodTarget: 2000, previous: null, Defaults);

        Assert.Equal(band, status.Band);
        Assert.Equal(direction, status.Direction);
        Assert.Equal((actual - 1000) / 1000, status.Deviation);
    }

    [Fact]
    public void Red_behind_needs_an_intervention_and_red_ahead_a_calibration()
    {
        var behind = TargetStatusRule.Evaluate(500, 1000, 2000, null, Defaults);
        var ahead = TargetStatusRule.Evaluate(1500, 1000, 2000, null, Defaults);

        Assert.True(behind.NeedsIntervention);
        Assert.False(behind.NeedsCalibration);
        Assert.True(ahead.NeedsCalibration);
        Assert.False(ahead.NeedsIntervention);
    }

    [Fact]
    public void Nothing_expected_yet_is_pending()
    {
        var status = TargetStatusRule.Evaluate(0, 0, 2000, null, Defaults);

        Assert.Equal(TargetStatus.Pending, status);
    }

    [Fact]
    public void Below_the_minimum_expected_share_a_store_cannot_turn_red()
    {
        // 09:01: 50 expected of a 10,000 day (0.5% < 10%), nothing sold yet.
        var early = TargetStatusRule.Evaluate(0, 50, 10_000, null, Defaults);
        // Later: 1,000 expected (exactly 10%), still nothing sold.
        var later = TargetStatusRule.Evaluate(0, 1_000, 10_000, null, Defaults);

        Assert.Equal(TargetBand.Yellow, early.Band);
        Assert.False(early.NeedsIntervention);
        Assert.Equal(TargetBand.Red, later.Band);
        Assert.True(later.NeedsIntervention);
    }

    [Fact]
    public void Below_the_minimum_expected_amount_the_status_is_pending()
    {
        var options = Defaults with { MinimumExpectedAmount = 200 };

        Assert.Equal(TargetBand.Pending, TargetStatusRule.Evaluate(0, 199.99m, 10_000, null, options).Band);
        Assert.Equal(TargetBand.Green, TargetStatusRule.Evaluate(200, 200, 10_000, null, options).Band);
    }

    [Theory]
    // previous green: needs |d| > 5% + 1pt to turn yellow
    [InlineData(TargetBand.Green, 940, TargetBand.Green)]     // −6%: inside the margin, stays green
    [InlineData(TargetBand.Green, 939.9, TargetBand.Yellow)]  // −6.01%
    // previous yellow: needs |d| ≤ 5% − 1pt to turn green, > 15% + 1pt to turn red
    [InlineData(TargetBand.Yellow, 955, TargetBand.Yellow)]   // −4.5%: would be green without memory
    [InlineData(TargetBand.Yellow, 960, TargetBand.Green)]    // −4%
    [InlineData(TargetBand.Yellow, 845, TargetBand.Yellow)]   // −15.5%
    [InlineData(TargetBand.Yellow, 839.9, TargetBand.Red)]    // −16.01%
    // previous red: needs |d| ≤ 15% − 1pt to come back to yellow
    [InlineData(TargetBand.Red, 855, TargetBand.Red)]         // −14.5%
    [InlineData(TargetBand.Red, 860, TargetBand.Yellow)]      // −14%
    [InlineData(TargetBand.Red, 1000, TargetBand.Green)]      // back on pace jumps straight to green
    [InlineData(TargetBand.Green, 700, TargetBand.Red)]       // a collapse jumps straight to red
    public void Hysteresis_keeps_the_colour_near_an_edge(TargetBand previous, decimal actual, TargetBand expectedBand)
    {
        var before = new TargetStatus(previous, PaceDirection.OnPace, 0);

        var status = TargetStatusRule.Evaluate(actual, 1000, 2000, before, Defaults);

        Assert.Equal(expectedBand, status.Band);
    }

    [Fact]
    public void A_store_hovering_at_an_edge_does_not_flap()
    {
        var actuals = new decimal[] { 948, 953, 946, 952, 947, 951, 949, 954 };
        TargetStatus? status = null;
        var changes = 0;
        foreach (var actual in actuals)
        {
            var next = TargetStatusRule.Evaluate(actual, 1000, 2000, status, Defaults);
            if (status is not null && next.Band != status.Band)
            {
                changes++;
            }

            status = next;
        }

        Assert.Equal(0, changes);
    }

    [Fact]
    public void Bands_come_from_configuration()
    {
        var strict = Defaults with { GreenMaxDeviation = 0.02m, YellowMaxDeviation = 0.08m, Hysteresis = 0 };

        Assert.Equal(TargetBand.Yellow, TargetStatusRule.Evaluate(970, 1000, 2000, null, strict).Band);
        Assert.Equal(TargetBand.Red, TargetStatusRule.Evaluate(910, 1000, 2000, null, strict).Band);
    }

    [Theory]
    [InlineData(0, 0.15, 0.01, 0.1, 0, "GreenMaxDeviation")]
    [InlineData(0.05, 0.05, 0.01, 0.1, 0, "YellowMaxDeviation")]
    [InlineData(0.05, 0.15, 0.05, 0.1, 0, "Hysteresis")]
    [InlineData(0.05, 0.15, 0.01, 1.5, 0, "MinimumExpectedShareForRed")]
    [InlineData(0.05, 0.15, 0.01, 0.1, -1, "MinimumExpectedAmount")]
    public void Invalid_options_name_the_key(double green, double yellow, double hysteresis, double share, double amount, string key)
    {
        var options = new TargetStatusOptions
        {
            GreenMaxDeviation = (decimal)green,
            YellowMaxDeviation = (decimal)yellow,
            Hysteresis = (decimal)hysteresis,
            MinimumExpectedShareForRed = (decimal)share,
            MinimumExpectedAmount = (decimal)amount,
        };

        Assert.Contains($"Targets:Status:{key}", options.Validate(), StringComparison.Ordinal);
        Assert.Contains($"SalesForce:Reps:Status:{key}", options.Validate("SalesForce:Reps:Status"), StringComparison.Ordinal);
        Assert.Null(Defaults.Validate());
    }
}
