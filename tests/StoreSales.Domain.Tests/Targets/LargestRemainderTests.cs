using StoreSales.Domain.Targets.Decomposition;

namespace StoreSales.Domain.Tests.Targets;

/// <summary>Largest-remainder rounding: the parts add up to the amount to the cent, whatever the weights.</summary>
public sealed class LargestRemainderTests
{
    [Theory]
    [InlineData("100000.01", "1,1,1", "33333.34,33333.34,33333.33")]
    [InlineData("0.01", "1,1,1", "0.01,0,0")]
    [InlineData("0.02", "1,1,1", "0.01,0.01,0")]
    [InlineData("10", "1,2,3", "1.67,3.33,5")]                 // 1.666.. 3.333.. 5: the largest remainder takes the cent
    [InlineData("1000000.00", "3,3,3,3,3,3,3", "142857.15,142857.15,142857.14,142857.14,142857.14,142857.14,142857.14")]
    [InlineData("99.99", "0,0", "50,49.99")]                    // no weight at all: equal, the first takes the odd cent
    [InlineData("0", "5,1", "0,0")]
    [InlineData("12345678901.23", "0.0001,1000000000", "0,12345678901.23")]   // a share below the cent is nothing
    public void Parts_add_up_to_the_amount(string total, string weights, string expected)
    {
        var parts = LargestRemainder.Split(decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture), Parse(weights));

        Assert.Equal(Parse(expected), parts);
        Assert.Equal(decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture), parts.Sum());
    }

    [Fact]
    public void Five_hundred_uneven_stores_add_up_to_awkward_amounts()
    {
        var random = new Random(20261205);
        var weights = Enumerable.Range(0, 500).Select(_ => (decimal)random.Next(1, 10_000_000) / 7m).ToArray();
        foreach (var total in new[] { 98_765_432.17m, 0.99m, 1_000_000_000.01m, 3.33m })
        {
            var parts = LargestRemainder.Split(total, weights);

            Assert.Equal(total, parts.Sum());
            Assert.All(parts, p => Assert.Equal(decimal.Round(p, 2), p));
            Assert.All(parts, p => Assert.True(p >= 0));
        }
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.001")]
    public void Amounts_below_zero_or_below_the_cent_are_refused(string total) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LargestRemainder.Split(decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture), [1m]));

    private static decimal[] Parse(string list) =>
        [.. list.Split(',').Select(s => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture))];
}
