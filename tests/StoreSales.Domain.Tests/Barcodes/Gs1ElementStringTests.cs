using StoreSales.Domain.Barcodes;

namespace StoreSales.Domain.Tests.Barcodes;

/// <summary>Element strings as scanners transmit them: no parentheses, FNC1 as GS after variable-length fields.</summary>
public sealed class Gs1ElementStringTests
{
    private const string GS = "\u001D";

    [Fact]
    public void Gtin_and_net_weight_from_the_gs1_general_specifications_example()
    {
        var result = Gs1ElementStrings.Parse("0109521234543213" + "3103000123");

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(["01", "3103"], result.Elements.Select(e => e.Ai));
        Assert.Equal("09521234543213", result.Elements[0].Value);
        Assert.Equal(0.123m, result.Elements[1].Number);
        Assert.Equal("NET WEIGHT (kg)", result.Elements[1].Title);
    }

    [Fact]
    public void A_variable_length_batch_ended_by_gs_is_followed_by_the_next_ai()
    {
        var result = Gs1ElementStrings.Parse("0109506000134352" + "10ABC123" + GS + "17201225" + "21XYZ-9");

        Assert.True(result.IsValid, result.Error);
        Assert.Equal("ABC123", result.Find("10")!.Value);
        Assert.Equal(new DateOnly(2020, 12, 25), result.Find("17")!.Date);
        Assert.Equal("XYZ-9", result.Find("21")!.Value);
    }

    [Theory]
    [InlineData(GS + "0109506000134352" + "17201225")]          // FNC1 in first position sent as GS
    [InlineData("0109506000134352" + GS + "17201225" + GS)]     // redundant GS after a predefined-length field, trailing GS
    public void Redundant_separators_are_tolerated(string elementString)
    {
        var result = Gs1ElementStrings.Parse(elementString);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(["01", "17"], result.Elements.Select(e => e.Ai));
    }

    [Fact]
    public void The_sscc_check_digit_is_verified() =>
        Assert.Equal("106141412345678908", Gs1ElementStrings.Parse("00106141412345678908").Find("00")!.Value);

    [Theory]
    [InlineData("3922995", "995", 9.95)]                // 392n: n = 2 decimals, local currency
    [InlineData("3920" + "1200", "1200", 1200)]
    [InlineData("39231234567", "1234567", 1234.567)]
    public void Prices_apply_their_implied_decimals(string elementString, string raw, decimal price)
    {
        var element = Gs1ElementStrings.Parse("0109521234543213" + elementString).Elements[1];

        Assert.Equal(raw, element.Value);
        Assert.Equal(price, element.Number);
        Assert.Null(element.Currency);
    }

    [Fact]
    public void A_price_with_currency_carries_the_iso_4217_numeric_code()
    {
        var element = Gs1ElementStrings.Parse("01095212345432133932" + "978" + "1250").Elements[1];

        Assert.Equal("978", element.Currency);
        Assert.Equal(12.50m, element.Number);
    }

    [Theory]
    [InlineData("17250200", 2025, 2, 28)]   // DD = 00: the last day of the month
    [InlineData("15240200", 2024, 2, 29)]   // ... in a leap year
    [InlineData("11231100", 2023, 11, 30)]
    [InlineData("13240131", 2024, 1, 31)]
    public void Dates_with_day_00_mean_the_end_of_the_month(string elementString, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), Gs1ElementStrings.Parse(elementString).Elements[0].Date);

    [Fact]
    public void Counts_are_whole_numbers()
    {
        var result = Gs1ElementStrings.Parse("0209521234543213" + "3712" + GS + "10LOT7");

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(12m, result.Find("37")!.Number);
    }

    [Theory]
    [InlineData("0109506000134353", "AI (01) GTIN at position 1: bad check digit")]
    [InlineData("00106141412345678907", "AI (00) SSCC at position 1: bad check digit")]
    [InlineData("0109506000134352" + "23ABC", "unknown AI at position 17")]
    [InlineData("3106123456", "unknown AI at position 1")]                          // 310n stops at n = 5
    [InlineData("10ABCDEFGHIJKLMNOP" + "21SERIAL0001", "AI (10) BATCH/LOT at position 1: value too long (28 characters, at most 20); missing GS separator?")]
    [InlineData("0109506000134352" + "21ABCDEFGHIJ" + "10KLMNOPQRSTU", "AI (21) SERIAL at position 17: value too long")]
    [InlineData("3012" + "10ABC", "AI (30) VAR. COUNT at position 1: character 'A'")]   // numeric field run into the next AI
    [InlineData("17201332", "AI (17) USE BY or EXPIRY at position 1: invalid date 201332")]
    [InlineData("17210230", "invalid date 210230")]
    [InlineData("01095060001343", "AI (01) GTIN at position 1: value has 12 characters, must have 14")]
    [InlineData("172012" + GS + "10ABC", "AI (17) USE BY or EXPIRY at position 1: value has 4 characters, must have 6")]
    [InlineData("3103ABCDEF", "AI (3103) NET WEIGHT (kg) at position 1: character 'A'")]
    [InlineData("10AB CD", "character ' ' at value position 3 is not allowed")]
    [InlineData("10A" + GS + "10B", "AI (10) BATCH/LOT appears twice with different values")]
    [InlineData("10" + GS + "21X", "AI (10) BATCH/LOT at position 1: value has 0 characters")]
    [InlineData(GS, "no AI in element string")]
    [InlineData("", "empty element string")]
    public void Faults_name_the_ai_and_what_is_wrong(string elementString, string expected)
    {
        var result = Gs1ElementStrings.Parse(elementString);

        Assert.False(result.IsValid);
        Assert.Empty(result.Elements);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ai_table_is_prefix_free_so_splitting_is_unambiguous()
    {
        var ais = Gs1ApplicationIdentifiers.All.Select(a => a.Ai).ToList();

        Assert.DoesNotContain(ais, a => ais.Any(b => b != a && b.StartsWith(a, StringComparison.Ordinal)));
    }
}
