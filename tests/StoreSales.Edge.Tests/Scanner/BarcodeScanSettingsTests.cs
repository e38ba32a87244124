using System.Text.Json;
using Microsoft.Extensions.Configuration;
using StoreSales.Domain.Barcodes;
using StoreSales.Edge.Commands;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Scanner;

/// <summary>
/// A value under <c>Barcodes:Scan</c> that is not one of its allowed names stops the agent and is named, with the
/// allowed values, by the agent, <c>decode</c> and <c>doctor</c>; before, a misspelt <c>ValueKind</c> dropped the
/// whole rule and every weighed item of its prefix decoded as a plain GTIN.
/// </summary>
public sealed class BarcodeScanSettingsTests
{
    private const string Rule = "Barcodes:Scan:VariableMeasureRules:0";

    /// <summary>A weighed-item rule for prefix 21 with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    private static Dictionary<string, string?> WeightRule(string key, string value)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"{Rule}:Name"] = "scale",
            [$"{Rule}:Prefixes:0"] = "21",
            [$"{Rule}:ValueKind"] = "WeightKg",
            [$"{Rule}:Decimals"] = "3",
        };
        settings[$"{Rule}:{key}"] = value;
        return settings;
    }

    private static async Task<(int Exit, string Output, string Error)> Decode(Dictionary<string, string?> settings, params string[] scans)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await DecodeCommand.Run(scans, configuration, new StringReader(""), output, error, TimeProvider.System);
        return (exit, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("ValueKind", "Weight", "allowed: Price, WeightKg")]
    [InlineData("ValueKind", "7", "allowed: Price, WeightKg")]
    [InlineData("PriceCheckDigit", "Four", "allowed: None, FourDigit, FiveDigit")]
    public async Task A_value_that_is_not_allowed_stops_the_agent_naming_the_key_and_the_allowed_values(string key, string value, string allowed)
    {
        using var dir = new TempDirectory();
        var settings = TestAgent.Settings(dir);
        foreach (var (k, v) in WeightRule(key, value))
        {
            settings[k] = v;
        }

        var message = await TestAgent.StartFailureAsync(settings);

        Assert.Contains($"{Rule}:{key}: '{value}' is not allowed ({allowed})", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Barcodes:Scan:VariableMeasureCountry", "SX", "Barcodes:Scan:VariableMeasureCountry: no variable-measure layouts for country \"SX\" (allowed: CN, DE, DK, EE, FI, GB, LT, LV, NO, SE).")]
    [InlineData("Barcodes:Scan:VariableMeasurePresets:0", "price5", "Barcodes:Scan:VariableMeasurePresets: unknown preset \"price5\" (known: price-5, weight-5, price-4-check, price-5-check).")]
    [InlineData(Rule + ":Decimals", "three", Rule + ":Decimals: 'three' is not allowed (allowed: a whole number)")]
    public async Task A_bad_country_preset_or_number_stops_the_agent_and_decode_and_doctor_name_it(string key, string value, string expected)
    {
        using var dir = new TempDirectory();
        var settings = TestAgent.Settings(dir);
        settings[key] = value;

        var started = await TestAgent.StartFailureAsync(settings);
        var (exit, _, error) = await Decode(new Dictionary<string, string?> { [key] = value }, "4006381333931");
        using var host = TestAgent.Build(settings);
        using var doctor = new StringWriter();
        var doctorExit = await DoctorCommand.Run(host.Services, doctor, TestContext.Current.CancellationToken);

        Assert.Contains(expected, started, StringComparison.Ordinal);
        Assert.Equal(2, exit);
        Assert.Contains($"configuration error: {expected}", error, StringComparison.Ordinal);
        Assert.Equal(2, doctorExit);
        Assert.Contains($"✖ configuration: {expected}", doctor.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_country_selected_in_barcodes_scan_reads_its_weighed_items()
    {
        var (exit, output, _) = await Decode(new Dictionary<string, string?> { ["Barcodes:Scan:VariableMeasureCountry"] = "SE" }, "2388060112344");

        Assert.Equal(0, exit);
        var line = JsonDocument.Parse(output).RootElement;
        Assert.Equal("VariableMeasure", line.GetProperty("kind").GetString());
        Assert.Equal(1.234m, line.GetProperty("weightKg").GetDecimal());
    }

    [Fact]
    public async Task Decode_names_the_misspelt_key_and_decodes_nothing()
    {
        var (exit, output, error) = await Decode(WeightRule("ValueKind", "Weight"), Gtin.WithCheckDigit("211234501250"));

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains($"configuration error: {Rule}:ValueKind: 'Weight' is not allowed (allowed: Price, WeightKg)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decode_names_a_misspelt_key_inside_a_rule()
    {
        var (exit, _, error) = await Decode(WeightRule("ValueKnd", "WeightKg"), "4006381333931");

        Assert.Equal(2, exit);
        Assert.Contains($"{Rule}:ValueKnd: unknown key (known: Name, Prefixes, ItemStart", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_allowed_name_in_any_case_decodes_the_weight()
    {
        var (exit, output, _) = await Decode(WeightRule("ValueKind", "weightkg"), Gtin.WithCheckDigit("211234501250"));

        Assert.Equal(0, exit);
        var line = JsonDocument.Parse(output).RootElement;
        Assert.Equal("VariableMeasure", line.GetProperty("kind").GetString());
        Assert.Equal(1.250m, line.GetProperty("weightKg").GetDecimal());
    }

    [Fact]
    public async Task Doctor_names_the_misspelt_key_and_the_allowed_values()
    {
        using var dir = new TempDirectory();
        var settings = TestAgent.Settings(dir);
        foreach (var (k, v) in WeightRule("ValueKind", "Weight"))
        {
            settings[k] = v;
        }

        using var host = TestAgent.Build(settings);
        using var output = new StringWriter();

        var exit = await DoctorCommand.Run(host.Services, output, TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
        Assert.Contains($"✖ configuration: {Rule}:ValueKind: 'Weight' is not allowed (allowed: Price, WeightKg)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_shows_the_release_of_the_gs1_dictionary_it_decodes_with()
    {
        using var dir = new TempDirectory();
        using var host = TestAgent.Build(TestAgent.Settings(dir));
        using var output = new StringWriter();

        await DoctorCommand.Run(host.Services, output, TestContext.Current.CancellationToken);

        Assert.Contains("✔ GS1 Barcode Syntax Dictionary release 2026-01-27 (", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("every linter it names checked)", output.ToString(), StringComparison.Ordinal);
    }
}
