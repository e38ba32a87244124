using StoreSales.Domain.Barcodes;

namespace StoreSales.Domain.Tests.Barcodes;

/// <summary>A scanner can send anything (noise, a misconfigured keyboard layout, a half-read symbol); the till must not crash.</summary>
public sealed class GarbageScanTests
{
    private const string GS = "\u001D";

    private static readonly ScanDecoderOptions Everything = new()
    {
        VariableMeasurePresets = [.. VariableMeasurePresets.Names],
    };

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r\n")]
    [InlineData("\t")]
    [InlineData("]")]
    [InlineData("]E0")]
    [InlineData("]C1")]
    [InlineData("]C1" + GS)]
    [InlineData(GS)]
    [InlineData(GS + GS)]
    [InlineData("(")]
    [InlineData("()")]
    [InlineData("(01")]
    [InlineData("(01)")]
    [InlineData("((((")]
    [InlineData("))))")]
    [InlineData("条码扫描")]
    [InlineData("😀😀😀")]
    [InlineData("\0\0\0")]
    [InlineData("\uD800")]                    // lone surrogate
    [InlineData("]E0٤٠٠٦٣٨١٣٣٣٩٣١")]          // Arabic-Indic digits are digits, but not GTIN digits
    [InlineData("0")]
    [InlineData("01")]
    [InlineData("0109506000")]
    [InlineData("]d2(01)")]
    [InlineData("]C1(01)09506000134352(")]
    [InlineData("M")]
    [InlineData("member:")]
    [InlineData("]C1" + "01095060001343521")]
    [InlineData("]Q3" + "99")]
    public void Garbage_is_invalid_and_never_throws(string scanned)
    {
        var scan = ScanDecoder.Decode(scanned, Everything);

        Assert.False(scan.Valid);
        Assert.False(string.IsNullOrWhiteSpace(scan.Reason));
    }

    [Fact]
    public void Very_long_input_is_rejected_quickly()
    {
        var digits = new string('7', 100_000);

        Assert.False(ScanDecoder.Decode(digits, Everything).Valid);
        Assert.False(ScanDecoder.Decode("]C1" + digits, Everything).Valid);
        Assert.False(ScanDecoder.Decode("M" + digits, Everything).Valid);
    }

    [Fact]
    public void Random_scans_never_throw()
    {
        // Fixed seed: a failure is reproducible. The alphabet leans on what confuses parsers: digits, GS, brackets.
        const string alphabet = "0123456789012345678901234567890123456789()]\u001D\u001DEeCdQA ABCxyz-:/条\uD83D\uDE00\r\n";
        var random = new Random(20240611);
        for (var i = 0; i < 5_000; i++)
        {
            var chars = new char[random.Next(0, 40)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }

            var scan = ScanDecoder.Decode(new string(chars), Everything, currentYear: 2025);
            Assert.Equal(scan.Valid, scan.Reason is null);
        }
    }
}
