using StoreSales.Domain.Barcodes;

namespace StoreSales.Domain.Tests.Barcodes;

public sealed class ScanDecoderTests
{
    private const string GS = "\u001D";
    private static readonly ScanDecoderOptions Defaults = new();
    private static readonly ScanDecoderOptions Price5 = new() { VariableMeasurePresets = [VariableMeasurePresets.Price5] };

    [Theory]
    [InlineData("]E04006381333931", "4006381333931", "EAN-13/UPC-A/UPC-E")]
    [InlineData("4006381333931\r\n", "4006381333931", "none")]                // keyboard wedge, no AIM prefix
    [InlineData("]E496385074", "96385074", "EAN-8")]
    [InlineData("]E3400638133393112", "4006381333931", "EAN-13/UPC with add-on")]   // 2-digit add-on dropped
    [InlineData("]I110614141000415", "10614141000415", "ITF-14")]
    [InlineData("036000291452", "036000291452", "none")]
    public void Bare_gtins_are_returned_as_encoded(string scanned, string gtin, string symbology)
    {
        var scan = ScanDecoder.Decode(scanned, Defaults);

        Assert.Equal(ScanKind.Gtin, scan.Kind);
        Assert.True(scan.Valid, scan.Reason);
        Assert.Equal(gtin, scan.Gtin);
        Assert.Equal(gtin.PadLeft(14, '0'), scan.Gtin14);
        Assert.Equal(symbology, scan.Symbology.Name);
    }

    [Theory]
    [InlineData("]E04006381333932")]
    [InlineData("4006381333932")]
    [InlineData("]E0400638133393")]      // an EAN symbol with too few digits
    public void A_gtin_that_does_not_check_is_reported_never_corrected(string scanned)
    {
        var scan = ScanDecoder.Decode(scanned, Defaults);

        Assert.Equal(ScanKind.Gtin, scan.Kind);
        Assert.False(scan.Valid);
        Assert.Null(scan.Gtin);
        Assert.NotNull(scan.Reason);
    }

    [Theory]
    [InlineData("]C1" + "0109506000134352" + "17201225" + "10ABC123")]
    [InlineData("]d2" + GS + "0109506000134352" + "17201225" + "10ABC123")]
    [InlineData("]Q3" + "0109506000134352" + "10ABC123" + GS + "17201225")]
    [InlineData("0109506000134352" + "17201225" + "10ABC123")]                // DataBar/GS1-128 read without prefix
    [InlineData("(01)09506000134352(17)201225(10)ABC123")]                   // typed from the label
    public void Gs1_element_strings_give_the_gtin_and_all_ais(string scanned)
    {
        var scan = ScanDecoder.Decode(scanned, Defaults);

        Assert.Equal(ScanKind.Gs1ElementString, scan.Kind);
        Assert.True(scan.Valid, scan.Reason);
        Assert.Equal("09506000134352", scan.Gtin);
        Assert.Equal(["01", "10", "17"], scan.Elements.Select(e => e.Ai).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Weight_and_price_ais_fill_the_embedded_values()
    {
        var scan = ScanDecoder.Decode("]C1" + "0109521234543213" + "3103000750" + "3922" + "1299", Defaults);

        Assert.Equal((0.750m, 12.99m), (scan.WeightKg!.Value, scan.Price!.Value));
        Assert.Null(scan.Currency);
    }

    [Fact]
    public void A_price_with_currency_reports_the_currency()
    {
        var scan = ScanDecoder.Decode("]C1" + "0109521234543213" + "3932" + "156" + "3550", Defaults);

        Assert.Equal((35.50m, "156"), (scan.Price!.Value, scan.Currency));
    }

    [Fact]
    public void A_broken_element_string_is_gs1_but_invalid_with_the_reason()
    {
        var scan = ScanDecoder.Decode("]C1" + "0109506000134352" + "17201332", Defaults);

        Assert.Equal(ScanKind.Gs1ElementString, scan.Kind);
        Assert.Contains("AI (17)", scan.Reason, StringComparison.Ordinal);
        Assert.Empty(scan.Elements);
        Assert.Null(scan.Gtin);
    }

    [Fact]
    public void The_current_year_places_two_digit_years()
    {
        var withYear = ScanDecoder.Decode("]C1" + "11991231", Defaults, currentYear: 2025);
        var without = ScanDecoder.Decode("]C1" + "11991231", Defaults);

        Assert.Equal(new DateOnly(1999, 12, 31), withYear.Elements[0].Date);
        Assert.Equal(new DateOnly(2099, 12, 31), without.Elements[0].Date);
    }

    [Fact]
    public void A_variable_measure_code_gives_item_code_and_price()
    {
        var scan = ScanDecoder.Decode("]E02112345012995", Price5);

        Assert.Equal(ScanKind.VariableMeasure, scan.Kind);
        Assert.True(scan.Valid, scan.Reason);
        Assert.Equal(("12345", 12.99m, "2112345012995"), (scan.ItemCode, scan.Price!.Value, scan.Gtin));
    }

    [Fact]
    public void A_variable_measure_code_with_a_bad_check_digit_keeps_its_kind_and_no_price()
    {
        var scan = ScanDecoder.Decode("]E02112345012996", Price5);

        Assert.Equal(ScanKind.VariableMeasure, scan.Kind);
        Assert.False(scan.Valid);
        Assert.Null(scan.Price);
    }

    [Fact]
    public void Without_a_configured_layout_a_2x_code_is_a_plain_gtin()
    {
        var scan = ScanDecoder.Decode("2112345012995", Defaults);

        Assert.Equal((ScanKind.Gtin, true, (string?)null), (scan.Kind, scan.Valid, scan.ItemCode));
    }

    [Theory]
    [InlineData("]A0ABC-123", "ABC-123", "Code 39")]
    [InlineData("]C04006381333931", "4006381333931", "Code 128")]   // digits in plain Code 128 are not assumed to be a GTIN
    [InlineData("]X9whatever", "whatever", "unknown")]
    [InlineData("SKU-42", "SKU-42", "none")]
    public void Other_payloads_are_unknown_with_their_data_kept(string scanned, string data, string symbology)
    {
        var scan = ScanDecoder.Decode(scanned, Defaults);

        Assert.Equal(ScanKind.Unknown, scan.Kind);
        Assert.False(scan.Valid);
        Assert.Equal(data, scan.Data);
        Assert.Equal(symbology, scan.Symbology.Name);
    }
}
