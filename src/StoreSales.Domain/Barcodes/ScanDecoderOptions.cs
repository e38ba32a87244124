namespace StoreSales.Domain.Barcodes;

/// <summary>
/// How the till reads scans. Bound from configuration section <c>Barcodes:Scan</c>. Lists start empty because
/// configuration binding appends to a list rather than replacing it; variable-measure layouts are therefore
/// switched on explicitly, e.g. <c>"VariableMeasurePresets": ["price-5"]</c> or full rules in
/// <c>VariableMeasureRules</c>. Until then a 2x EAN-13 is decoded as a plain GTIN.
/// </summary>
public sealed class ScanDecoderOptions
{
    public const string SectionName = "Barcodes:Scan";

    /// <summary>Regular expression for member codes (see <see cref="MemberCodes"/>); empty switches member recognition off.</summary>
    public string? MemberCodePattern { get; set; } = MemberCodes.DefaultPattern;

    /// <summary>The chain's own variable-measure layouts; tried before <see cref="VariableMeasurePresets"/>.</summary>
    public List<VariableMeasureRule> VariableMeasureRules { get; set; } = [];

    /// <summary>Names from <see cref="Barcodes.VariableMeasurePresets"/> to use as they are, in order.</summary>
    public List<string> VariableMeasurePresets { get; set; } = [];

    /// <summary>
    /// The store's country (ISO 3166 alpha-2, e.g. "SE") whose GS1 Member Organisation layouts
    /// (<see cref="VariableMeasureCountries"/>) are tried after the configured rules and presets; empty for none.
    /// </summary>
    public string? VariableMeasureCountry { get; set; }

    /// <summary>
    /// Per terminal (by terminal id, any case), how its scanner sends codes; a terminal not listed uses the defaults
    /// of <see cref="ScannerBarcodeSettings"/>.
    /// </summary>
    public Dictionary<string, ScannerBarcodeSettings> Scanners { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The settings of <paramref name="terminalId"/>'s scanner; the defaults when it has none or is null.</summary>
    public ScannerBarcodeSettings ForScanner(string? terminalId) =>
        terminalId is not null && Scanners.TryGetValue(terminalId, out var settings) ? settings : DefaultScanner;

    private static readonly ScannerBarcodeSettings DefaultScanner = new();

    /// <summary>The rules in the order they are tried: configured rules, then named presets, then the country's layouts.</summary>
    public IEnumerable<VariableMeasureRule> EffectiveRules() =>
        VariableMeasureRules
            .Concat(VariableMeasurePresets.Select(Barcodes.VariableMeasurePresets.Create).OfType<VariableMeasureRule>())
            .Concat(VariableMeasureCountries.ForDecoding(VariableMeasureCountry));

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (MemberCodes.ValidatePattern(MemberCodePattern) is { } patternError)
        {
            return $"{SectionName}:{nameof(MemberCodePattern)} is not a valid regular expression: {patternError}";
        }

        foreach (var name in VariableMeasurePresets)
        {
            if (Barcodes.VariableMeasurePresets.Create(name) is null)
            {
                return $"{SectionName}:{nameof(VariableMeasurePresets)}: unknown preset \"{name}\" (known: {string.Join(", ", Barcodes.VariableMeasurePresets.Names)}).";
            }
        }

        if (!string.IsNullOrWhiteSpace(VariableMeasureCountry) && VariableMeasureCountries.Rules(VariableMeasureCountry) is null)
        {
            return $"{SectionName}:{nameof(VariableMeasureCountry)}: no variable-measure layouts for country \"{VariableMeasureCountry}\" (allowed: {string.Join(", ", VariableMeasureCountries.Codes)}).";
        }

        return VariableMeasureRules.Select(r => r.Validate()).FirstOrDefault(e => e is not null) is { } ruleError
            ? $"{SectionName}:{nameof(VariableMeasureRules)}: {ruleError}"
            : null;
    }
}
