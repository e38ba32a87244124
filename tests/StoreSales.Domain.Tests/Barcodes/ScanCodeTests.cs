using StoreSales.Domain.Barcodes;

namespace StoreSales.Domain.Tests.Barcodes;

/// <summary>A scan names its item by the code the till prints on the sale line, so a scan and its sale line meet.</summary>
public sealed class ScanCodeTests
{
    private static readonly ScanDecoderOptions Options = new()
    {
        VariableMeasurePresets = [VariableMeasurePresets.Price5, VariableMeasurePresets.Weight5],
        MemberCodePattern = @"^VIP-(\d{6})$",
    };

    [Theory]
    [InlineData("]E06920433218190", "6920433218190")]                       // EAN-13 as printed
    [InlineData("]E496385074", "96385074")]                                 // EAN-8 stays 8 digits
    [InlineData("]I110614141000415", "10614141000415")]                     // ITF-14 of a case: its own GTIN-14
    [InlineData("]I106920433218190", "6920433218190")]                      // ITF-14 of the unit (leading zero): the GTIN-13
    [InlineData("]C10106920433218190" + "10LOT7", "6920433218190")]         // GS1-128 (01) with a leading zero
    [InlineData("2112345012995", "12345")]                                  // price label: the item code, not the label
    [InlineData("2800042012508", "00042")]                                  // weight label
    [InlineData("VIP-004711", "004711")]                                    // member card: the member id
    public void A_valid_scan_names_its_item_as_the_till_prints_it(string scanned, string code)
    {
        var scan = ScanDecoder.Decode(scanned, Options);

        Assert.True(scan.Valid, scan.Reason);
        Assert.Equal(code, ScanCode.Of(scan));
    }

    [Theory]
    [InlineData("]E06920433218191")]   // wrong check digit
    [InlineData("HELLO WORLD")]        // no code at all
    public void An_invalid_or_unknown_scan_names_nothing(string scanned) =>
        Assert.Null(ScanCode.Of(ScanDecoder.Decode(scanned, Options)));
}
