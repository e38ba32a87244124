using System.Text.Json;
using StoreSales.Domain.Barcodes;
using StoreSales.Edge.Commands;

namespace StoreSales.Edge.Tests.Commands;

public sealed class DecodeCommandTests
{
    private static async Task<(int Exit, List<JsonElement> Lines, string Error)> Decode(string[] args, string stdin = "", ScanDecoderOptions? options = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await DecodeCommand.Run(args, options ?? new ScanDecoderOptions(), new StringReader(stdin), output, error, TimeProvider.System);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        return (exit, lines, error.ToString());
    }

    [Fact]
    public async Task Each_argument_becomes_one_json_line_saying_what_it_is()
    {
        var (exit, lines, _) = await Decode(["6920433218190", "6920433218191", "]C1010952123454321317201225", "M1234567890"]);

        Assert.Equal(0, exit);
        Assert.Equal(4, lines.Count);
        Assert.True(lines[0].GetProperty("valid").GetBoolean());
        Assert.Equal("6920433218190", lines[0].GetProperty("gtin").GetString());
        Assert.False(lines[1].GetProperty("valid").GetBoolean());
        Assert.Contains("check digit", lines[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("GS1-128", lines[2].GetProperty("symbology").GetString());
        Assert.Equal("2020-12-25", lines[2].GetProperty("ais")[1].GetProperty("date").GetString());
        Assert.Equal("1234567890", lines[3].GetProperty("memberId").GetString());
    }

    [Fact]
    public async Task Without_arguments_it_reads_one_scan_per_line_from_standard_input()
    {
        var (exit, lines, _) = await Decode([], "4006381333931\n2012345012345\n");

        Assert.Equal(0, exit);
        Assert.Equal(["4006381333931", "2012345012345"], lines.Select(l => l.GetProperty("input").GetString()));
    }

    [Fact]
    public async Task Variable_measure_codes_follow_the_configured_rule()
    {
        var options = new ScanDecoderOptions { VariableMeasurePresets = ["price-5"] };
        var code = Gtin.WithCheckDigit("201234501234");

        var (_, lines, _) = await Decode([code], options: options);

        Assert.Equal("VariableMeasure", lines[0].GetProperty("kind").GetString());
        Assert.True(lines[0].TryGetProperty("price", out _));
    }

    [Fact]
    public async Task Gs1_ais_follow_the_dictionary_a_coupon_is_linted_and_an_unlisted_ai_is_unknown()
    {
        var (_, lines, _) = await Decode(["]C1" + "4309" + "1800000001" + "0000000000", "]C1" + "8112201234561234560123456", "]C1" + "891234"]);

        Assert.Contains("AI (4309) SHIP TO GEO at position 1: invalid latitude 1800000001", lines[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(lines[1].GetProperty("valid").GetBoolean());
        Assert.Contains("coupon format 2 at value position 1 must be one of 0, 1", lines[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("unknown AI at position 1", lines[2].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_a_malformed_invocation_fails()
    {
        var (exit, lines, error) = await Decode(["--bogus"]);

        Assert.NotEqual(0, exit);
        Assert.Empty(lines);
        Assert.Contains("usage", error, StringComparison.Ordinal);
    }
}
