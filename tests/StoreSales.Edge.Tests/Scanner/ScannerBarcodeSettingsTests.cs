using System.Text.Json;
using Microsoft.Extensions.Configuration;
using StoreSales.Edge.Commands;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Scanner;

/// <summary>
/// <c>Barcodes:Scan:Scanners:{TerminalId}:UpcAWithoutLeadingZero</c>: the one scanner that sends UPC-A as 12 digits under
/// ]E0 is named, and the setting is checked as strictly as the rest of <c>Barcodes:Scan</c>.
/// </summary>
public sealed class ScannerBarcodeSettingsTests
{
    private const string Upc12 = "]E0036000291452";

    private static async Task<(int Exit, string Output, string Error)> Decode(Dictionary<string, string?> settings, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await DecodeCommand.Run(args, configuration, new StringReader(""), output, error, TimeProvider.System);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Decode_as_the_terminal_whose_scanner_drops_the_zero_accepts_twelve_digits()
    {
        var settings = new Dictionary<string, string?> { ["Barcodes:Scan:Scanners:T02:UpcAWithoutLeadingZero"] = "true" };

        var (_, asT02, _) = await Decode(settings, "--terminal", "T02", Upc12);
        var (_, asAnyOther, _) = await Decode(settings, Upc12);

        Assert.True(JsonDocument.Parse(asT02).RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal("036000291452", JsonDocument.Parse(asT02).RootElement.GetProperty("gtin").GetString());
        Assert.Contains("12 digits under ]E0", JsonDocument.Parse(asAnyOther).RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Barcodes:Scan:Scanners:T02:UpcAWithoutLeadingZero", "yes", "Barcodes:Scan:Scanners:T02:UpcAWithoutLeadingZero: 'yes' is not allowed (allowed: true, false)")]
    [InlineData("Barcodes:Scan:Scanners:T02:UpcWithoutZero", "true", "Barcodes:Scan:Scanners:T02:UpcWithoutZero: unknown key (known: UpcAWithoutLeadingZero)")]
    public async Task A_bad_scanner_setting_is_named_by_decode(string key, string value, string expected)
    {
        var (exit, output, error) = await Decode(new Dictionary<string, string?> { [key] = value }, Upc12);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains($"configuration error: {expected}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_scanner_setting_stops_the_agent()
    {
        using var dir = new TempDirectory();
        var settings = TestAgent.Settings(dir);
        settings["Barcodes:Scan:Scanners:T02:UpcAWithoutLeadingZero"] = "yes";

        var message = await TestAgent.StartFailureAsync(settings);

        Assert.Contains("Barcodes:Scan:Scanners:T02:UpcAWithoutLeadingZero: 'yes' is not allowed (allowed: true, false)", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_for_a_terminal_the_agent_does_not_run_stops_it()
    {
        using var dir = new TempDirectory();
        var settings = TestAgent.Settings(dir);
        settings["Barcodes:Scan:Scanners:T09:UpcAWithoutLeadingZero"] = "true";

        var message = await TestAgent.StartFailureAsync(settings);

        Assert.Contains("Barcodes:Scan:Scanners:T09: no terminal T09 under Terminals (configured: none)", message, StringComparison.Ordinal);
    }
}
