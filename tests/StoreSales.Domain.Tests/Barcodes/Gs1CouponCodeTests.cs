using StoreSales.Domain.Barcodes;

namespace StoreSales.Domain.Tests.Barcodes;

/// <summary>
/// The North American coupon layouts of AIs (8110) and (8112), field by field: a valid value of each shape and, for each
/// field, a value broken there with the reason naming it. Null means the value passes.
/// </summary>
public sealed class Gs1CouponCodeTests
{
    // GCP VLI 0 + GCP 123456, offer 123456, save value VLI 1 + "1", 1st purchase VLI 1 + "1", code 0, family 123.
    private const string Minimal = "012345612345611110123";

    [Theory]
    [InlineData(Minimal, null)]
    [InlineData("6123456789012" + "654321" + "3250" + "210" + "1" + "001", null)] // 12-digit prefix, 3-digit save value, 2-digit purchase, code 1
    [InlineData(Minimal + "1" + "0" + "11" + "0" + "123" + "9", null)] // field 1: rules 0, 2nd purchase 1, no own prefix (9)
    [InlineData(Minimal + "1" + "3" + "11" + "9" + "456" + "0" + "765432", null)] // field 1 with a 6-digit 2nd purchase prefix
    [InlineData(Minimal + "2" + "12" + "4" + "789" + "1" + "7654321", null)] // field 2: 3rd purchase with a 7-digit prefix
    [InlineData(Minimal + "3" + "261231", null)] // field 3: expires 2026-12-31
    [InlineData(Minimal + "3" + "261231" + "4" + "260101", null)] // field 4: starts 2026-01-01
    [InlineData(Minimal + "4" + "260101", null)] // a start date alone
    [InlineData(Minimal + "5" + "0" + "000001", null)] // field 5: 6-digit serial number
    [InlineData(Minimal + "5" + "9" + "123456789012345", null)] // field 5: 15-digit serial number
    [InlineData(Minimal + "6" + "7" + "6901234000017", null)] // field 6: a retailer's 13-digit GLN
    [InlineData(Minimal + "9" + "6" + "2" + "1" + "1", null)] // field 9: every misc flag at its limit
    [InlineData(Minimal + "1" + "0" + "11" + "0" + "123" + "9" + "2" + "11" + "0" + "123" + "9" + "3" + "261231" + "4" + "260101" + "5" + "0" + "000001" + "6" + "1" + "1234567" + "9" + "0" + "0" + "0" + "0", null)]
    [InlineData("", "GS1 Company Prefix length indicator missing")]
    [InlineData("a12345612345611110123", "coupon data must be digits only: 'a' at value position 1")]
    [InlineData("71234567890123", "GS1 Company Prefix length indicator 7 at value position 1 must be one of 0, 1, 2, 3, 4, 5, 6")]
    [InlineData("112345", "GS1 Company Prefix truncated: 7 digits needed from value position 2, 5 left")]
    [InlineData("0123456" + "12345", "offer code truncated: 6 digits needed from value position 8, 5 left")]
    [InlineData("0123456" + "123456", "save value length indicator missing")]
    [InlineData("0123456" + "123456" + "0", "save value length indicator 0 at value position 14 must be one of 1, 2, 3, 4, 5")]
    [InlineData("0123456" + "123456" + "3" + "12", "save value truncated: 3 digits needed from value position 15, 2 left")]
    [InlineData("0123456" + "123456" + "11" + "6", "1st purchase requirement length indicator 6 at value position 16 must be one of 1, 2, 3, 4, 5")]
    [InlineData("0123456" + "123456" + "11" + "11", "1st purchase requirement code missing")]
    [InlineData("0123456" + "123456" + "11" + "11" + "5" + "123", "1st purchase requirement code 5 at value position 18 must be one of 0, 1, 2, 3, 4, 9")]
    [InlineData("0123456" + "123456" + "11" + "11" + "9" + "12", "1st purchase family code truncated: 3 digits needed from value position 19, 2 left")]
    [InlineData(Minimal + "0", "unexpected data 0 at value position 22 after the last coupon field")]
    [InlineData(Minimal + "7", "unexpected data 7 at value position 22")]
    [InlineData(Minimal + "3" + "261231" + "1" + "0" + "11" + "0" + "123" + "9", "unexpected data 1011")] // fields out of order
    [InlineData(Minimal + "1", "additional purchase rules code missing")]
    [InlineData(Minimal + "1" + "4", "additional purchase rules code 4 at value position 23 must be one of 0, 1, 2, 3")]
    [InlineData(Minimal + "1" + "0" + "11" + "0" + "123", "2nd purchase GS1 Company Prefix length indicator missing")]
    [InlineData(Minimal + "1" + "0" + "11" + "0" + "123" + "7", "2nd purchase GS1 Company Prefix length indicator 7 at value position 30 must be one of 0, 1, 2, 3, 4, 5, 6, 9")]
    [InlineData(Minimal + "1" + "0" + "11" + "0" + "123" + "1" + "123456", "2nd purchase GS1 Company Prefix truncated: 7 digits needed")]
    [InlineData(Minimal + "1" + "0" + "11" + "6" + "123", "2nd purchase requirement code 6")]
    [InlineData(Minimal + "2" + "11" + "0" + "123", "3rd purchase GS1 Company Prefix length indicator missing")]
    [InlineData(Minimal + "2" + "0", "3rd purchase requirement length indicator 0 at value position 23")]
    [InlineData(Minimal + "3" + "26123", "expiration date truncated: 6 digits needed from value position 23, 5 left")]
    [InlineData(Minimal + "3" + "261331", "expiration date 261331 at value position 23 is not a valid YYMMDD date")]
    [InlineData(Minimal + "3" + "261200", "expiration date 261200 at value position 23 is not a valid YYMMDD date")]
    [InlineData(Minimal + "4" + "260230", "start date 260230 at value position 23 is not a valid YYMMDD date")]
    [InlineData(Minimal + "3" + "260101" + "4" + "260102", "expiration date 260101 is before the start date 260102")]
    [InlineData(Minimal + "5", "serial number length indicator missing")]
    [InlineData(Minimal + "5" + "1" + "123456", "serial number truncated: 7 digits needed from value position 24, 6 left")]
    [InlineData(Minimal + "6" + "0" + "1234567", "retailer GS1 Company Prefix or GLN length indicator 0 at value position 23 must be one of 1, 2, 3, 4, 5, 6, 7")]
    [InlineData(Minimal + "6" + "8" + "12345678901234", "retailer GS1 Company Prefix or GLN length indicator 8")]
    [InlineData(Minimal + "6" + "2" + "1234567", "retailer GS1 Company Prefix or GLN truncated: 8 digits needed")]
    [InlineData(Minimal + "9", "save value code missing")]
    [InlineData(Minimal + "9" + "3", "save value code 3 at value position 23 must be one of 0, 1, 2, 5, 6")]
    [InlineData(Minimal + "9" + "0" + "3", "save value applies to item 3 at value position 24 must be one of 0, 1, 2")]
    [InlineData(Minimal + "9" + "0" + "0", "store coupon flag missing")]
    [InlineData(Minimal + "9" + "0" + "0" + "0", "don't multiply flag missing")]
    [InlineData(Minimal + "9" + "0" + "0" + "0" + "2", "don't multiply flag 2 at value position 26 must be one of 0, 1")]
    [InlineData(Minimal + "9" + "0" + "0" + "0" + "1" + "5", "unexpected data 5 at value position 27")]
    public void Coupon_code_of_ai_8110(string value, string? expected) => Gs1LinterTests.AssertLinter("couponcode", value, expected);

    [Theory]
    [InlineData("0" + "0123456" + "123456" + "0123456", null)] // format 0, 6-digit funder, offer, 6-digit serial
    [InlineData("1" + "0123456" + "123456" + "0123456", null)]
    [InlineData("0" + "6123456789012" + "123456" + "9123456789012345", null)] // the longest: 12-digit funder, 15-digit serial
    [InlineData("", "coupon format missing")]
    [InlineData("0012345612345601234X", "coupon data must be digits only: 'X' at value position 20")]
    [InlineData("2" + "0123456" + "123456" + "0123456", "coupon format 2 at value position 1 must be one of 0, 1")]
    [InlineData("0", "funder ID length indicator missing")]
    [InlineData("0" + "7", "funder ID length indicator 7 at value position 2 must be one of 0, 1, 2, 3, 4, 5, 6")]
    [InlineData("0" + "1123456", "funder ID truncated: 7 digits needed from value position 3, 6 left")]
    [InlineData("0" + "0123456" + "12345", "offer code truncated: 6 digits needed from value position 9, 5 left")]
    [InlineData("0" + "0123456" + "123456", "serial number length indicator missing")]
    [InlineData("0" + "0123456" + "123456" + "1123456", "serial number truncated: 7 digits needed from value position 16, 6 left")]
    [InlineData("0" + "0123456" + "123456" + "0123456" + "7", "unexpected data 7 at value position 22 after the last coupon field")]
    public void Positive_offer_file_coupon_code_of_ai_8112(string value, string? expected) => Gs1LinterTests.AssertLinter("couponposoffer", value, expected);

    [Fact]
    public void A_coupon_in_an_element_string_is_valid_or_invalid_with_the_field_that_broke()
    {
        var valid = Gs1ElementStrings.Parse("(8112)" + "0" + "0123456" + "123456" + "0123456", currentYear: 2026);
        var invalid = Gs1ElementStrings.Parse("(8110)" + Minimal + "9" + "3", currentYear: 2026);

        Assert.True(valid.IsValid, valid.Error);
        Assert.Null(valid.Elements[0].Note);
        Assert.False(invalid.IsValid);
        Assert.Contains("AI (8110)", invalid.Error, StringComparison.Ordinal);
        Assert.Contains("save value code 3 at value position 23 must be one of 0, 1, 2, 5, 6", invalid.Error, StringComparison.Ordinal);
    }
}
