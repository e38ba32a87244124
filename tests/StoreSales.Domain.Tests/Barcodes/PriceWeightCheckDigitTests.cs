using StoreSales.Domain.Barcodes;

namespace StoreSales.Domain.Tests.Barcodes;

public sealed class PriceWeightCheckDigitTests
{
    [Theory]
    [InlineData("2875", 9)]   // GS1 General Specifications 7.9.3 example
    [InlineData("1234", 9)]   // 2 + 4 + 9 + 8 = 23; 23 × 3 = 69
    [InlineData("0599", 1)]
    [InlineData("0000", 0)]
    [InlineData("9999", 6)]
    public void Four_digit_prices_use_weights_2_minus_2_minus_3_5_minus(string price, int check) =>
        Assert.Equal(check, PriceWeightCheckDigit.ComputeFourDigit(price));

    [Theory]
    [InlineData("14685", 6)]   // GS1 General Specifications 7.9.3 example
    [InlineData("12345", 8)]   // 5 + 4 + 4 + 2 + 9 = 24 → 6, and 5-(8) = 6
    [InlineData("00000", 0)]
    [InlineData("99999", 6)]
    public void Five_digit_prices_use_weights_5_plus_2_minus_5_minus_5_plus_2_minus(string price, int check) =>
        Assert.Equal(check, PriceWeightCheckDigit.ComputeFiveDigit(price));

    [Theory]
    [InlineData("123")]
    [InlineData("12345")]
    [InlineData("12a4")]
    public void Only_four_digits_are_accepted_by_the_four_digit_algorithm(string price) =>
        Assert.Throws<ArgumentException>(() => PriceWeightCheckDigit.ComputeFourDigit(price));
}
