using Bunit;
using StoreSales.Abstractions.Stores;
using StoreSales.CommandCenter.Components.Boards;
using StoreSales.Domain.Targets;

namespace StoreSales.CommandCenter.Tests;

/// <summary>
/// What a store manager reads off the day bar at the band edges of DOMAIN.md (5% and 15%): the colour, and the
/// word and symbol that say the same without colour.
/// </summary>
public sealed class PeriodBarTests : BoardComponentContext
{
    private static readonly TargetStatusOptions Bands = new();

    [Theory]
    [InlineData(9_500, "band-green", "On pace", "●")]        // -5.00%: still green
    [InlineData(9_499, "band-yellow", "Behind", "▼")]         // just past -5%
    [InlineData(8_500, "band-yellow", "Behind", "▼")]         // -15.00%: still yellow
    [InlineData(8_499, "band-red", "Far behind", "▼")]        // just past -15%
    [InlineData(10_500, "band-green", "On pace", "●")]       // +5%
    [InlineData(11_501, "band-red", "Far ahead: check target", "▲")] // ahead >15%: a calibration flag, not a party
    public void The_band_shows_as_colour_word_and_symbol(int actual, string cssClass, string word, string symbol)
    {
        var status = TargetStatusRule.Evaluate(actual, expected: 10_000m, periodTarget: 20_000m, previous: null, Bands);
        var progress = new PeriodProgress(actual, 20_000m, 10_000m, status.Deviation, status.Band, status.Direction, 12);

        var bar = Render<PeriodBar>(p => p.Add(x => x.Key, "day").Add(x => x.Title, "Today").Add(x => x.Progress, progress));

        var section = bar.Find("[data-testid=period-day]");
        Assert.Contains(cssClass, section.ClassList);
        var label = bar.Find("[data-testid=status]").TextContent;
        Assert.Contains(word, label, StringComparison.Ordinal);
        Assert.Contains(symbol, label, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pace_marker_and_the_fill_sit_where_expected_and_actual_are()
    {
        var progress = new PeriodProgress(5_000m, 20_000m, 10_000m, -0.5m, TargetBand.Red, PaceDirection.Behind, 3);

        var bar = Render<PeriodBar>(p => p.Add(x => x.Key, "day").Add(x => x.Title, "Today").Add(x => x.Progress, progress));

        Assert.Contains("width:25%", bar.Find(".fill").GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("left:50%", bar.Find(".pace").GetAttribute("style"), StringComparison.Ordinal);
        Assert.Equal("-50.0%", bar.Find("[data-testid=deviation]").TextContent);
    }
}

/// <summary>The same bar for a Chinese-speaking manager: words from the zh-CN resources, money in ¥.</summary>
public sealed class PeriodBarInChineseTests() : BoardComponentContext("zh-CN")
{
    [Fact]
    public void Reads_in_Chinese_with_yuan()
    {
        var progress = new PeriodProgress(8_000m, 20_000m, 10_000m, -0.2m, TargetBand.Red, PaceDirection.Behind, 3);

        var bar = Render<PeriodBar>(p => p.Add(x => x.Key, "day").Add(x => x.Title, "今日").Add(x => x.Progress, progress));

        Assert.Contains("严重落后", bar.Find("[data-testid=status]").TextContent, StringComparison.Ordinal);
        Assert.Equal("¥8,000", bar.Find("[data-testid=actual]").TextContent);
    }
}
