using StoreSales.Domain.SalesForce;

namespace StoreSales.Domain.Tests.SalesForce;

public sealed class ChainWeekTests
{
    [Theory]
    [InlineData("2026-W49", "2026-11-30")]
    [InlineData(" 2026-W01 ", "2025-12-29")]   // ISO: the week of 1 January 2026 (a Thursday) starts in 2025
    [InlineData("2026-W53", "2026-12-28")]     // 2026 has 53 ISO weeks
    [InlineData("2027-W01", "2027-01-04")]
    public void An_iso_week_names_its_monday(string name, string monday)
    {
        Assert.True(ChainWeek.TryParse(name, out var parsed));
        Assert.Equal(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture), parsed);
        Assert.Equal(name.Trim(), ChainWeek.NameOf(parsed.AddDays(6)));   // its Sunday lies in the same week
    }

    [Theory]
    [InlineData("2025-W53")]   // 2025 has 52
    [InlineData("2026-W00")]
    [InlineData("2026-49")]
    [InlineData("2026-w49")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_no_week(string? name) => Assert.False(ChainWeek.TryParse(name, out _));
}
