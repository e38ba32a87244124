using StoreSales.Domain.SalesForce.Quotes;

namespace StoreSales.Domain.Tests.SalesForce.Quotes;

/// <summary>A quote's totals to the cent: each line rounded half away from zero, the total the sum of the printed lines.</summary>
public sealed class QuoteTotalsTests
{
    [Theory]
    // quantity, list price, discount %, net
    [InlineData(1, "100.00", "0", "100.00")]
    [InlineData(3, "33.33", "0", "99.99")]
    [InlineData(3, "19.99", "12.5", "52.47")]       // 59.97 × 0.875 = 52.47375 → 52.47
    [InlineData(1, "0.10", "15", "0.09")]           // 0.085 → 0.09 (half away from zero, not to even)
    [InlineData(7, "1234.56", "20.01", "6912.67")]  // 8641.92 × 0.7999 = 6912.671808 → 6912.67
    public void A_line_is_priced_to_the_cent(int quantity, string listPrice, string discount, string net)
    {
        var figures = QuoteTotals.Of([new QuoteLineInput("690001", "Item", quantity, D(listPrice), D(discount))]);

        Assert.Equal(D(net), figures.Lines[0].NetAmount);
        Assert.Equal(D(net), figures.NetTotal);
    }

    [Fact]
    public void The_total_adds_the_rounded_lines_and_the_tier_follows_the_deepest_line()
    {
        var figures = QuoteTotals.Of(
        [
            new QuoteLineInput("690001", "Glucose meter", 10, 299.00m, 5m, 180.00m),
            new QuoteLineInput("690002", "Test strips", 3, 19.99m, 12.5m, 9.50m),
        ]);

        Assert.Equal(2840.50m + 52.47m, figures.NetTotal);
        Assert.Equal(2990.00m + 59.97m, figures.ListTotal);
        Assert.Equal(12.5m, figures.DeepestDiscount);
        Assert.Equal(1800.00m + 28.50m, figures.CostTotal);
        Assert.Equal(2892.97m - 1828.50m, figures.Margin);
        Assert.Equal(36.80m, figures.MarginPercent);      // 1064.47 / 2892.97 = 36.795…
        Assert.Equal(5.15m, figures.OverallDiscount);     // 157.00 / 3049.97
    }

    [Fact]
    public void One_line_without_a_cost_makes_the_margin_unknown()
    {
        var figures = QuoteTotals.Of([new QuoteLineInput("690001", "A", 1, 100m, 0m, 60m), new QuoteLineInput("690002", "B", 1, 100m, 0m)]);

        Assert.Null(figures.CostTotal);
        Assert.Null(figures.Margin);
        Assert.Null(figures.MarginPercent);
    }

    private static decimal D(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
