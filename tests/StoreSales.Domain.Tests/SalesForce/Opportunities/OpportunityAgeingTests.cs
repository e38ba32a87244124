using StoreSales.Domain.SalesForce.Opportunities;

namespace StoreSales.Domain.Tests.SalesForce.Opportunities;

public sealed class OpportunityAgeingTests
{
    private static readonly DateTimeOffset LastActivity = ChainTime.At(2026, 11, 2, 9, 0);

    public static TheoryData<string, TimeSpan, AgeingColour> Cases => new()
    {
        { "just moved", TimeSpan.Zero, AgeingColour.Green },
        { "6 days 23 hours", new TimeSpan(6, 23, 0, 0), AgeingColour.Green },
        { "6 days 23:59:59", new TimeSpan(6, 23, 59, 59), AgeingColour.Green },
        { "7 days exactly", TimeSpan.FromDays(7), AgeingColour.Yellow },
        { "13 days 23 hours", new TimeSpan(13, 23, 0, 0), AgeingColour.Yellow },
        { "14 days exactly", TimeSpan.FromDays(14), AgeingColour.Stalled },
        { "40 days", TimeSpan.FromDays(40), AgeingColour.Stalled },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Idle_time_against_the_stage_limits_gives_the_colour(string because, TimeSpan idle, AgeingColour colour)
    {
        var stage = new OpportunityOptions().PathOf("any").Find("proposal")!;

        var age = OpportunityAgeing.Evaluate(stage, LastActivity, LastActivity + idle);

        Assert.True(colour == age.Colour, $"{because}: {age.Colour}");
        Assert.Equal(idle, age.Idle);
    }

    [Fact]
    public void The_next_change_is_the_next_limit()
    {
        var stage = new OpportunityOptions().PathOf("any").First;

        Assert.Equal(LastActivity.AddDays(7), OpportunityAgeing.Evaluate(stage, LastActivity, LastActivity.AddDays(1)).NextChangeAt);
        Assert.Equal(LastActivity.AddDays(14), OpportunityAgeing.Evaluate(stage, LastActivity, LastActivity.AddDays(8)).NextChangeAt);
        Assert.Null(OpportunityAgeing.Evaluate(stage, LastActivity, LastActivity.AddDays(15)).NextChangeAt);
    }

    [Fact]
    public void A_stage_with_its_own_limits_ages_by_them()
    {
        var options = new OpportunityOptions
        {
            ProductLines = new(StringComparer.Ordinal)
            {
                ["Default"] = [new() { Name = "lead", YellowAfter = TimeSpan.FromDays(2), StalledAfter = TimeSpan.FromDays(4) }, new() { Name = "contract" }],
            },
        };
        var lead = options.PathOf("any").First;

        Assert.Equal(AgeingColour.Yellow, OpportunityAgeing.Evaluate(lead, LastActivity, LastActivity.AddDays(2)).Colour);
        Assert.Equal(AgeingColour.Stalled, OpportunityAgeing.Evaluate(lead, LastActivity, LastActivity.AddDays(4)).Colour);
    }
}
