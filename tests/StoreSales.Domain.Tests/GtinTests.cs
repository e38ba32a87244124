using StoreSales.Domain.Barcodes;

namespace StoreSales.Domain.Tests;

public sealed class GtinTests
{
    [Theory]
    [InlineData("4006381333931")]   // GTIN-13, GS1's own example
    [InlineData("96385074")]        // GTIN-8
    [InlineData("036000291452")]    // GTIN-12 (UPC-A)
    [InlineData("10614141000415")]  // GTIN-14
    [InlineData("6901234567892")]   // a Chinese (690) GTIN-13
    public void Valid_gtins_check(string code) => Assert.True(Gtin.IsValid(code));

    [Theory]
    [InlineData("4006381333932")]   // wrong check digit
    [InlineData("400638133393")]    // 12 digits whose last digit does not check
    [InlineData("40063813339311")]  // 14 digits, wrong check digit
    [InlineData("400638133393A")]   // not a digit
    [InlineData("1234567")]         // not a GTIN length
    [InlineData("")]
    public void Invalid_gtins_are_rejected_not_corrected(string code) => Assert.False(Gtin.IsValid(code));

    [Fact]
    public void Check_digit_is_appended() => Assert.Equal("4006381333931", Gtin.WithCheckDigit("400638133393"));
}
