using StoreSales.Domain.Barcodes;

namespace StoreSales.Domain.Tests.Barcodes;

/// <summary>
/// Each country's variable-measure layouts on examples its GS1 Member Organisation publishes (or, where marked, on
/// real labels or examples built on the published structure), decoded as the till decodes a scan.
/// </summary>
public sealed class VariableMeasureCountryTests
{
    private static DecodedScan Decode(string country, string code) =>
        ScanDecoder.Decode(code, new ScanDecoderOptions { VariableMeasureCountry = country }, 2026);

    [Theory]
    // Sweden, GS1 Sweden "variable weight numbers": 20/21/22 price, 23/24/25 weight.
    [InlineData("SE", "2088060112343", "880601", 12.34, null, "SEK")]
    [InlineData("SE", "2188060112340", "880601", 123.4, null, "SEK")]
    [InlineData("SE", "2288060112347", "880601", 1234.0, null, "SEK")]
    [InlineData("SE", "2388060112344", "880601", null, 1.234, null)]
    [InlineData("SE", "2488060112341", "880601", null, 12.34, null)]
    [InlineData("SE", "2588060112348", "880601", null, 123.4, null)]
    // Norway: real labels (Norvegia cheese, chicken breast) that follow the Swedish layout.
    [InlineData("NO", "2302148210869", "021482", null, 1.086, null)]
    [InlineData("NO", "2368091402263", "680914", null, 0.226, null)]
    // Denmark, GS1 Denmark "GTIN-13 pris" / "GTIN-13 vægt".
    [InlineData("DK", "2135040039753", "3504", 39.75, null, "DKK")]
    [InlineData("DK", "2235040039750", "3504", 39.75, null, "DKK")]
    [InlineData("DK", "2335040039757", "3504", 39.75, null, "DKK")]
    [InlineData("DK", "2435040039754", "3504", 39.75, null, "DKK")]
    [InlineData("DK", "2623570001505", "2357", null, 0.150, null)]
    [InlineData("DK", "2712341002251", "12341", null, 0.225, null)]
    [InlineData("DK", "2823570001509", "2357", null, 0.150, null)]
    // Finland, GS1 Finland.
    [InlineData("FI", "2388060112344", "880601", null, 1.234, null)]
    [InlineData("FI", "2488060112341", "880601", null, 12.34, null)]
    [InlineData("FI", "2588060112348", "880601", null, 123.4, null)]
    // Estonia, Latvia, Lithuania: GS1 Latvia's shared rule (examples built on its structure).
    [InlineData("EE", "2311111112345", "111111", null, 1.234, null)]
    [InlineData("LV", "2411111112342", "111111", null, 12.34, null)]
    [InlineData("LT", "2511111112349", "111111", null, 123.4, null)]
    // Germany, GS1 Germany: price and weight with their five-digit check digit.
    [InlineData("DE", "2211114002394", "1111", 2.39, null, "EUR")]
    [InlineData("DE", "2330714002396", "3071", 2.39, null, "EUR")]
    [InlineData("DE", "2811111068708", "1111", null, 6.870, null)]
    [InlineData("DE", "2930711068700", "3071", null, 6.870, null)]
    // Great Britain, GS1 UK: 20 IIIII K PPPP C (example built on the published structure).
    [InlineData("GB", "2011122912346", "11122", 12.34, null, "GBP")]
    // China, GB/T 18283-2008 structure one: 2x IIIII PPPPP C, price in fen (example built on the structure).
    [InlineData("CN", "2100042012509", "00042", 12.50, null, "CNY")]
    [InlineData("CN", "2412345019902", "12345", 19.90, null, "CNY")]
    public void Published_examples_decode_to_item_and_price_or_weight(string country, string code, string item, double? price, double? weightKg, string? currency)
    {
        var scan = Decode(country, code);

        Assert.True(scan.Valid, scan.Reason);
        Assert.Equal(ScanKind.VariableMeasure, scan.Kind);
        Assert.Equal(item, scan.ItemCode);
        Assert.Equal(price is null ? null : (decimal)price, scan.Price);
        Assert.Equal(weightKg is null ? null : (decimal)weightKg, scan.WeightKg);
        Assert.Equal(currency, scan.Currency);
    }

    [Theory]
    [InlineData("GB", "2011122812349", "bad price check digit 8 for value 1234")]
    [InlineData("DE", "2211115002390", "bad price check digit 5")]
    public void A_wrong_price_or_weight_check_digit_is_rejected(string country, string code, string expected)
    {
        var scan = Decode(country, Gtin.WithCheckDigit(code[..12]));

        Assert.False(scan.Valid);
        Assert.Contains(expected, scan.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SE", "291111111111")]   // a prefix the country does not define
    [InlineData("GB", "211111111111")]
    [InlineData("CN", "251111111111")]
    [InlineData("DE", "251111900012")]   // Germany's count layout (25): a scan carries no count, so not read
    public void A_prefix_the_country_does_not_define_stays_a_plain_gtin(string country, string body)
    {
        var scan = Decode(country, Gtin.WithCheckDigit(body));

        Assert.True(scan.Valid, scan.Reason);
        Assert.Equal(ScanKind.Gtin, scan.Kind);
    }

    [Fact]
    public void Every_country_rule_is_valid_and_lower_case_codes_work()
    {
        foreach (var country in VariableMeasureCountries.Codes)
        {
            Assert.All(VariableMeasureCountries.Rules(country)!, rule => Assert.Null(rule.Validate()));
        }

        Assert.Equal(ScanKind.VariableMeasure, Decode("se", "2388060112344").Kind);
    }

    [Fact]
    public void An_unknown_country_names_the_key_and_the_allowed_codes() =>
        Assert.Equal(
            "Barcodes:Scan:VariableMeasureCountry: no variable-measure layouts for country \"US\" (allowed: CN, DE, DK, EE, FI, GB, LT, LV, NO, SE).",
            new ScanDecoderOptions { VariableMeasureCountry = "US" }.Validate());
}
