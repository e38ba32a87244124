using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StoreSales.Domain.Barcodes;
using StoreSales.Edge.Configuration;

namespace StoreSales.Edge.Commands;

/// <summary>
/// <c>decode [--terminal ID] [TEXT...]</c>: what the agent makes of scanned text (with or without an AIM prefix), one JSON
/// object per line, from the arguments or, when there are none, from standard input one scan per line.
/// An invalid scan is an answer, not an error: the exit code is non-zero only for a malformed invocation.
/// </summary>
public static class DecodeCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Decodes with the <c>Barcodes:Scan</c> section of <paramref name="configuration"/>, read as the agent reads it; exit code 2 naming every bad key.</summary>
    public static async Task<int> Run(IReadOnlyList<string> scans, IConfiguration configuration, TextReader input, TextWriter output, TextWriter error, TimeProvider clock)
    {
        ScanDecoderOptions options;
        try
        {
            options = BarcodeScanSettings.Read(configuration);
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await error.WriteLineAsync($"configuration error: {failure}");
            }

            return 2;
        }

        return await Run(scans, options, input, output, error, clock);
    }

    public static async Task<int> Run(IReadOnlyList<string> scans, ScanDecoderOptions options, TextReader input, TextWriter output, TextWriter error, TimeProvider clock)
    {
        // "--terminal T01" first: decode as that terminal's scanner is set up (Barcodes:Scan:Scanners:T01).
        string? terminal = null;
        if (scans.Count >= 2 && scans[0] == "--terminal")
        {
            terminal = scans[1];
            scans = [.. scans.Skip(2)];
        }

        if (scans.Any(s => s.StartsWith("--", StringComparison.Ordinal)))
        {
            await error.WriteLineAsync("usage: StoreSales.Edge decode [--terminal ID] [SCANNED-TEXT ...]   (no scans: one scan per line on standard input)");
            return 64;
        }

        if (options.Validate() is { } invalid)
        {
            await error.WriteLineAsync($"configuration error: {invalid}");
            return 2;
        }

        var year = clock.GetLocalNow().Year;
        if (scans.Count > 0)
        {
            foreach (var scan in scans)
            {
                await output.WriteLineAsync(Describe(scan, options, year, terminal));
            }

            return 0;
        }

        while (await input.ReadLineAsync() is { } line)
        {
            await output.WriteLineAsync(Describe(line, options, year, terminal));
        }

        return 0;
    }

    public static string Describe(string scan, ScanDecoderOptions options, int year, string? terminal = null)
    {
        var decoded = ScanDecoder.Decode(scan, options, year, terminal);
        return JsonSerializer.Serialize(
            new
            {
                input = scan,
                symbology = decoded.Symbology.Name,
                aim = decoded.Symbology.Identifier,
                kind = decoded.Kind,
                valid = decoded.Valid,
                reason = decoded.Reason,
                gtin = decoded.Gtin,
                itemCode = decoded.ItemCode,
                ais = decoded.Elements.Count == 0
                    ? null
                    : decoded.Elements.Select(e => new { ai = e.Ai, title = e.Title, value = e.Value, date = e.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), number = e.Number, currency = e.Currency, note = e.Note }),
                price = decoded.Price,
                currency = decoded.Currency,
                weightKg = decoded.WeightKg,
                memberId = decoded.MemberId,
            },
            Json);
    }
}
