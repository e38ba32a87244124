using StoreSales.Domain.Targets.StoreEvents;

namespace StoreSales.Domain.Tests.Targets;

public sealed class StoreEventRuleTests
{
    private static readonly StoreEventOptions Options = new();
    private static readonly DateTimeOffset Nine = new(2026, 11, 10, 9, 0, 0, TimeSpan.FromHours(8));

    public static TheoryData<string, StoreEventDraft, string?> Cases => new()
    {
        // because, draft, the field refused (null: accepted)
        { "a weather closure of three hours", new("weather-closure", Nine, Nine.AddHours(3), null, null, "typhoon"), null },
        { "a promotion with +20 %", new("promotion", Nine, Nine.AddDays(3), null, 0.20m, null), null },
        { "ends before it starts", new("outage", Nine, Nine.AddMinutes(-1), null, null, null), "endsAt" },
        { "ends as it starts", new("outage", Nine, Nine, null, null, null), "endsAt" },
        { "unknown kind", new("holiday", Nine, Nine.AddHours(1), null, null, null), "kind" },
        { "no kind", new(null, Nine, Nine.AddHours(1), null, null, null), "kind" },
        { "no start", new("refit", null, Nine, null, null, null), "startsAt" },
        { "uplift on a refit", new("refit", Nine, Nine.AddDays(1), null, 0.1m, null), "expectedUplift" },
        { "a promotion's uplift above the maximum", new("promotion", Nine, Nine.AddDays(1), null, 1.01m, null), "expectedUplift" },
        { "a promotion's uplift of zero", new("promotion", Nine, Nine.AddDays(1), null, 0m, null), "expectedUplift" },
        { "a promotion that closes the store", new("promotion", Nine, Nine.AddDays(1), true, 0.1m, null), "closesStore" },
        { "exactly the longest span", new("refit", Nine, Nine.AddDays(31), null, null, null), null },
        { "a second longer than the longest span", new("refit", Nine, Nine.AddDays(31).AddSeconds(1), null, null, null), "endsAt" },
        { "a note too long", new("outage", Nine, Nine.AddHours(1), null, null, new string('x', 501)), "note" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_event_is_refused_naming_its_field(string because, StoreEventDraft draft, string? field)
    {
        var check = StoreEventRule.Check(draft, Options);

        Assert.True(field is null ? check.IsValid : !check.IsValid && check.Errors.Keys.Single() == field, because);
    }

    [Theory]
    [InlineData("weather-closure", null, true)]
    [InlineData("outage", null, true)]
    [InlineData("refit", null, true)]
    [InlineData("road-works", null, false)]
    [InlineData("road-works", true, true)]
    [InlineData("outage", false, false)]
    [InlineData("promotion", null, false)]
    public void Whether_it_closes_the_store_follows_the_kind_unless_said(string kind, bool? said, bool closes)
    {
        var check = StoreEventRule.Check(new StoreEventDraft(kind, Nine, Nine.AddHours(2), said, null, null), Options);

        Assert.Equal(closes, check.Event!.ClosesStore);
    }

    [Fact]
    public void The_longest_span_is_configuration()
    {
        var draft = new StoreEventDraft("refit", Nine, Nine.AddDays(10), null, null, null);

        Assert.False(StoreEventRule.Check(draft, Options with { MaxSpan = TimeSpan.FromDays(7) }).IsValid);
        Assert.Null(Options.Validate());
        Assert.NotNull((Options with { MaxSpan = TimeSpan.Zero }).Validate());
        Assert.NotNull((Options with { MaxExpectedUplift = 0 }).Validate());
    }
}
