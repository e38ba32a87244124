using StoreSales.Domain.Barcodes;

namespace StoreSales.Domain.Tests.Barcodes;

/// <summary>
/// Under the AIM identifier ]E0 (ISO/IEC 15420) an EAN-13 or a UPC-A is sent as 13 digits, UPC-A with its leading 0.
/// Twelve digits there are a truncated read, unless that terminal's scanner is set to drop UPC-A's leading 0.
/// </summary>
public sealed class EanUnderE0Tests
{
    private static readonly ScanDecoderOptions Options = new()
    {
        Scanners = new(StringComparer.OrdinalIgnoreCase) { ["T02"] = new ScannerBarcodeSettings { UpcAWithoutLeadingZero = true } },
    };

    [Theory]
    [InlineData("]E00036000291452", null, true, "0036000291452")]    // UPC-A 036000291452 with its leading 0
    [InlineData("]E04006381333931", null, true, "4006381333931")]    // EAN-13
    [InlineData("]E0036000291452", null, false, null)]                // 12 digits from a scanner not set up for them
    [InlineData("]E0036000291452", "T01", false, null)]               // another terminal's setting does not apply
    [InlineData("]E0036000291452", "T02", true, "036000291452")]      // the scanner that drops the 0
    [InlineData("]E0036000291452", "t02", true, "036000291452")]      // terminal ids in any case
    [InlineData("]E00036000291452", "T02", true, "0036000291452")]    // that scanner's EAN-13s still have 13 digits
    [InlineData("]E096385074", "T02", false, null)]                  // EAN-8 is ]E4, never 8 digits under ]E0
    [InlineData("]E010614141000415", "T02", false, null)]            // nor 14
    [InlineData("036000291452", null, true, "036000291452")]          // no AIM prefix: a 12-digit UPC-A is a GTIN-12
    public void Thirteen_digits_unless_the_scanner_sends_upc_a_without_its_zero(string scanned, string? terminal, bool valid, string? gtin)
    {
        var scan = ScanDecoder.Decode(scanned, Options, 2026, terminal);

        Assert.Equal(ScanKind.Gtin, scan.Kind);
        Assert.Equal(valid, scan.Valid);
        Assert.Equal(gtin, scan.Gtin);
    }

    [Fact]
    public void The_reason_says_which_setting_accepts_twelve_digits()
    {
        var scan = ScanDecoder.Decode("]E0036000291452", Options, 2026, "T01");

        Assert.Contains("12 digits under ]E0", scan.Reason, StringComparison.Ordinal);
        Assert.Contains("Barcodes:Scan:Scanners:{terminal}:UpcAWithoutLeadingZero", scan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_weighed_upc_a_from_that_scanner_is_read_by_its_rule()
    {
        // US random-weight UPC-A 2 IIIII V PPPP C is prefix 02 as a GTIN-13; price-4-check reads it.
        var options = new ScanDecoderOptions { VariableMeasurePresets = [VariableMeasurePresets.Price4Check], Scanners = Options.Scanners };
        var upc = Gtin.WithCheckDigit("2" + "12345" + PriceWeightCheckDigit.Compute("0599") + "0599");

        var scan = ScanDecoder.Decode("]E0" + upc, options, 2026, "T02");

        Assert.True(scan.Valid, scan.Reason);
        Assert.Equal(ScanKind.VariableMeasure, scan.Kind);
        Assert.Equal(5.99m, scan.Price);
    }
}
