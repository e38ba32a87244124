using StoreSales.Domain.Barcodes;

namespace StoreSales.Domain.Tests.Barcodes;

public sealed class MemberCodeTests
{
    private static readonly ScanDecoderOptions Defaults = new();

    [Theory]
    [InlineData("M0123456789", "0123456789")]
    [InlineData("]Q1member:123456", "123456")]   // app QR code
    [InlineData("]C0M9876543210", "9876543210")]
    public void The_default_pattern_recognises_member_cards_and_app_codes(string scanned, string memberId)
    {
        var scan = ScanDecoder.Decode(scanned, Defaults);

        Assert.Equal(ScanKind.Member, scan.Kind);
        Assert.Equal(memberId, scan.MemberId);
        Assert.True(scan.Valid);
    }

    [Theory]
    [InlineData("M123")]
    [InlineData("M01234567890")]
    [InlineData("member:")]
    [InlineData("xmember:12")]
    public void Near_misses_are_not_members(string scanned) => Assert.NotEqual(ScanKind.Member, ScanDecoder.Decode(scanned, Defaults).Kind);

    [Theory]
    [InlineData(@"^VIP-(\d{6})$", "VIP-004711", "004711")]                 // first group
    [InlineData(@"^(?<card>29)(?<id>\d{10})\d$", "2900000123458", "0000012345")]   // member cards printed as 2x EAN-13
    [InlineData(@"^CARD\d{4}$", "CARD1234", "CARD1234")]                    // no group: the whole match
    public void A_chain_pattern_returns_the_id_group(string pattern, string scanned, string memberId)
    {
        var scan = ScanDecoder.Decode(scanned, new ScanDecoderOptions { MemberCodePattern = pattern, VariableMeasurePresets = [VariableMeasurePresets.Price5] });

        Assert.Equal(ScanKind.Member, scan.Kind);
        Assert.Equal(memberId, scan.MemberId);
    }

    [Fact]
    public void An_empty_pattern_switches_member_recognition_off() =>
        Assert.Equal(ScanKind.Unknown, ScanDecoder.Decode("M0123456789", new ScanDecoderOptions { MemberCodePattern = "" }).Kind);

    [Fact]
    public void An_invalid_pattern_is_reported_by_validation_and_never_throws_at_the_till()
    {
        var options = new ScanDecoderOptions { MemberCodePattern = "^M(\\d{10}$" };

        Assert.Contains("MemberCodePattern", options.Validate(), StringComparison.Ordinal);
        Assert.Equal(ScanKind.Unknown, ScanDecoder.Decode("M0123456789", options).Kind);
    }
}
