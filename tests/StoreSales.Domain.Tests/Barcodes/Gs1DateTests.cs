using StoreSales.Domain.Barcodes;

namespace StoreSales.Domain.Tests.Barcodes;

public sealed class Gs1DateTests
{
    [Theory]
    [InlineData(99, 2025, 1999)]   // 74 years ahead: previous century (a 1999 production date)
    [InlineData(76, 2025, 1976)]   // 51 ahead: previous century
    [InlineData(75, 2025, 2075)]   // 50 ahead: this century
    [InlineData(30, 2025, 2030)]
    [InlineData(10, 2060, 2110)]   // 50 behind: next century
    [InlineData(11, 2060, 2011)]   // 49 behind: this century
    public void Two_digit_years_follow_the_gs1_sliding_century(int yy, int currentYear, int year) =>
        Assert.Equal(year, Gs1Date.ResolveCentury(yy, currentYear));

    [Theory]
    [InlineData("991231", null, 1999)]
    [InlineData("991231", 2025, 1999)]
    public void Without_a_current_year_two_digit_years_are_20yy(string yymmdd, int? currentYear, int expectedYear)
    {
        var date = Gs1Date.TryParse(yymmdd, currentYear);

        Assert.Equal(currentYear is null ? 2099 : expectedYear, date!.Value.Year);
    }

    [Theory]
    [InlineData("250001")]   // month 00
    [InlineData("251301")]   // month 13
    [InlineData("250229")]   // 2025 is not a leap year
    [InlineData("250431")]
    [InlineData("25012")]
    [InlineData("25O101")]
    public void Impossible_dates_are_rejected(string yymmdd) => Assert.Null(Gs1Date.TryParse(yymmdd));
}
