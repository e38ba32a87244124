using StoreSales.Domain.Barcodes;

namespace StoreSales.Domain.Tests.Barcodes;

public sealed class VariableMeasureTests
{
    [Theory]
    [InlineData(VariableMeasurePresets.Price5, "2112345012995", "12345", 12.99)]         // 21 12345 01299 5
    [InlineData(VariableMeasurePresets.Price5, "0200123004507", "00123", 4.50)]          // GS1 prefix 02
    [InlineData(VariableMeasurePresets.Price4Check, "2312345928757", "12345", 28.75)]    // 23 12345 9 2875 7
    [InlineData(VariableMeasurePresets.Price5Check, "2412346146850", "1234", 146.85)]    // 24 1234 6 14685 0
    public void Price_presets_read_item_code_and_price(string preset, string code, string item, decimal price)
    {
        var value = VariableMeasureCodes.Read(code, VariableMeasurePresets.Create(preset)!);

        Assert.True(value.IsValid, value.Error);
        Assert.Equal(item, value.ItemCode);
        Assert.Equal(price, value.Price);
        Assert.Null(value.WeightKg);
    }

    [Fact]
    public void The_weight_preset_reads_grams_as_kilograms()
    {
        var value = VariableMeasureCodes.Read("2800042012508", VariableMeasurePresets.Create(VariableMeasurePresets.Weight5)!);

        Assert.Equal("00042", value.ItemCode);
        Assert.Equal(1.250m, value.WeightKg);
        Assert.Null(value.Price);
    }

    [Theory]
    [InlineData(VariableMeasurePresets.Price4Check, "2312345028754")]   // EAN-13 checks, price check digit 0 ≠ 9
    [InlineData(VariableMeasurePresets.Price5Check, "2412349146857")]   // EAN-13 checks, price check digit 9 ≠ 6
    public void A_wrong_price_check_digit_is_rejected_even_when_the_ean_checks(string preset, string code)
    {
        var value = VariableMeasureCodes.Read(code, VariableMeasurePresets.Create(preset)!);

        Assert.False(value.IsValid);
        Assert.Contains("bad price check digit", value.Error, StringComparison.Ordinal);
        Assert.Null(value.Price);
    }

    [Fact]
    public void A_wrong_ean_check_digit_is_rejected_before_the_price_is_read()
    {
        var value = VariableMeasureCodes.Read("2112345012996", VariableMeasurePresets.Create(VariableMeasurePresets.Price5)!);

        Assert.False(value.IsValid);
        Assert.Null(value.Price);
        Assert.Null(value.ItemCode);
    }

    [Fact]
    public void A_chain_rule_sets_its_own_prefixes_and_currency_and_wins_over_presets()
    {
        var options = new ScanDecoderOptions
        {
            VariableMeasureRules = [new VariableMeasureRule { Name = "cn-scale", Prefixes = ["21"], Currency = "CNY" }],
            VariableMeasurePresets = [VariableMeasurePresets.Weight5],
        };

        var priced = ScanDecoder.Decode("2112345012995", options);
        var weighed = ScanDecoder.Decode("2800042012508", options);

        Assert.Equal((ScanKind.VariableMeasure, 12.99m, "CNY"), (priced.Kind, priced.Price!.Value, priced.Currency));
        Assert.Equal(1.250m, weighed.WeightKg);
    }

    [Fact]
    public void A_upc_a_with_number_system_2_falls_under_prefix_02()
    {
        var options = new ScanDecoderOptions { VariableMeasurePresets = [VariableMeasurePresets.Price4Check] };

        var scan = ScanDecoder.Decode("212345105993", options);   // 2 12345 1 0599 3

        Assert.True(scan.Valid, scan.Reason);
        Assert.Equal(("12345", 5.99m), (scan.ItemCode, scan.Price!.Value));
        Assert.Equal("0212345105993", scan.Gtin);
    }

    [Fact]
    public void Every_preset_is_a_valid_rule()
    {
        foreach (var name in VariableMeasurePresets.Names)
        {
            Assert.Null(VariableMeasurePresets.Create(name)!.Validate());
        }
    }

    [Theory]
    [InlineData(2, 5, 6, 5, PriceCheckDigitKind.None, -1, "overlap")]
    [InlineData(2, 5, 8, 5, PriceCheckDigitKind.None, -1, "within indexes 0–11")]          // runs into the EAN check digit
    [InlineData(2, 5, 7, 5, PriceCheckDigitKind.FourDigit, 6, "needs a 4-digit value")]
    [InlineData(2, 4, 7, 5, PriceCheckDigitKind.FiveDigit, 8, "outside the value")]
    public void Inconsistent_rules_are_reported(int itemStart, int itemLength, int valueStart, int valueLength, PriceCheckDigitKind check, int checkIndex, string expected)
    {
        var rule = new VariableMeasureRule
        {
            Name = "bad",
            Prefixes = ["20"],
            ItemStart = itemStart,
            ItemLength = itemLength,
            ValueStart = valueStart,
            ValueLength = valueLength,
            PriceCheckDigit = check,
            PriceCheckDigitIndex = checkIndex,
        };

        Assert.Contains(expected, rule.Validate(), StringComparison.Ordinal);
        Assert.False(VariableMeasureCodes.Read("2112345012995", rule).IsValid);
    }
}
