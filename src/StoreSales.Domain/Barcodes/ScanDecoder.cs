namespace StoreSales.Domain.Barcodes;

/// <summary>
/// The one entry point for a scanned code at the till (scanner adapter, edge agent "decode"). It never throws on
/// what a scanner sends: anything it cannot use comes back with <see cref="DecodedScan.Valid"/> false and a reason.
/// Order: AIM prefix, then member code (a chain may print member cards as 2x EAN-13, so the configured pattern
/// wins), then GS1 element string, then GTIN / variable-measure EAN-13.
/// </summary>
public static class ScanDecoder
{
    /// <param name="scannedText">What the scanner sent, with or without AIM prefix and line end.</param>
    /// <param name="options">Member pattern and variable-measure layouts.</param>
    /// <param name="currentYear">This year, to place two-digit years per GS1; without it YY is 20YY.</param>
    /// <param name="terminalId">The terminal whose scanner sent it, for its <see cref="ScanDecoderOptions.Scanners"/> settings.</param>
    public static DecodedScan Decode(string scannedText, ScanDecoderOptions options, int? currentYear = null, string? terminalId = null)
    {
        // Scanners end with CR/LF (keyboard wedge) and labels get typed with spaces; GS (FNC1) must survive.
        var text = (scannedText ?? string.Empty).Trim(' ', '\t', '\r', '\n');
        var (symbology, data) = AimSymbology.Split(text);
        var scan = new DecodedScan { Symbology = symbology, Kind = ScanKind.Unknown, Data = data };
        if (data.Length == 0)
        {
            return scan with { Reason = text.Length == 0 ? "empty scan" : "no data after the symbology identifier" };
        }

        if (MemberCodes.TryMatch(data, options.MemberCodePattern) is { } memberId)
        {
            return scan with { Kind = ScanKind.Member, MemberId = memberId };
        }

        var noPrefix = symbology.Identifier is null;
        if (symbology.IsGs1ElementString || (noPrefix && LooksLikeElementString(data)))
        {
            return FromElementString(scan, currentYear);
        }

        if (symbology.CarriesGtin || (noPrefix && IsGtinShaped(data)))
        {
            return FromGtin(scan, options, options.ForScanner(terminalId));
        }

        return scan with { Reason = "not a GTIN, GS1 element string, variable-measure or member code" };
    }

    private static DecodedScan FromElementString(DecodedScan scan, int? currentYear)
    {
        var parsed = Gs1ElementStrings.Parse(scan.Data, currentYear);
        scan = scan with { Kind = ScanKind.Gs1ElementString };
        if (!parsed.IsValid)
        {
            return scan with { Reason = parsed.Error };
        }

        var price = parsed.Elements.FirstOrDefault(e => e.Ai.StartsWith("392", StringComparison.Ordinal) || e.Ai.StartsWith("393", StringComparison.Ordinal));
        return scan with
        {
            Elements = parsed.Elements,
            Gtin = parsed.Find("01")?.Value,
            WeightKg = parsed.Elements.FirstOrDefault(e => e.Ai.StartsWith("310", StringComparison.Ordinal))?.Number,
            Price = price?.Number,
            Currency = price?.Currency,
        };
    }

    private static DecodedScan FromGtin(DecodedScan scan, ScanDecoderOptions options, ScannerBarcodeSettings scanner)
    {
        // EAN-13 with a 2- or 5-digit add-on (]E3): the GTIN is the first 13 digits, the add-on is not ours to read.
        var digits = scan.Symbology.Identifier == "]E3" && scan.Data.Length is 15 or 18 ? scan.Data[..13] : scan.Data;
        scan = scan with { Kind = ScanKind.Gtin };
        if (!IsGtinShaped(digits))
        {
            return scan with { Reason = "not a GTIN: expected 8, 12, 13 or 14 digits" };
        }

        // ISO/IEC 15420: under ]E0 an EAN-13, a UPC-A (with its leading 0) or an expanded UPC-E is sent as 13 digits.
        // Fewer is a truncated read unless this scanner is set to drop UPC-A's leading 0.
        if (scan.Symbology.Identifier == "]E0" && digits.Length != 13 && !(digits.Length == 12 && scanner.UpcAWithoutLeadingZero))
        {
            return scan with
            {
                Reason = digits.Length == 12
                    ? "12 digits under ]E0: EAN-13/UPC-A is sent as 13 digits (UPC-A with its leading 0); if this scanner sends UPC-A without it, set its Barcodes:Scan:Scanners:{terminal}:UpcAWithoutLeadingZero"
                    : $"{digits.Length} digits under ]E0: EAN-13/UPC-A is sent as 13 digits",
            };
        }

        // A 12-digit UPC-A is the GTIN-13 "0" + its digits, so UPC number system 2 falls under prefix 02.
        var gtin13 = digits.Length switch { 12 => "0" + digits, 13 => digits, _ => null };
        var rule = gtin13 is null ? null : VariableMeasureCodes.FindRule(gtin13, options.EffectiveRules());
        if (!Gtin.IsValid(digits))
        {
            return scan with { Kind = rule is null ? ScanKind.Gtin : ScanKind.VariableMeasure, Reason = $"bad check digit in {digits}" };
        }

        if (rule is null)
        {
            return scan with { Gtin = digits };
        }

        var value = VariableMeasureCodes.Read(gtin13!, rule);
        scan = scan with { Kind = ScanKind.VariableMeasure };
        return value.IsValid
            ? scan with { Gtin = gtin13, ItemCode = value.ItemCode, Price = value.Price, Currency = value.Currency, WeightKg = value.WeightKg }
            : scan with { Reason = value.Error };
    }

    private static bool IsGtinShaped(string data) => Gtin.IsValidLength(data.Length) && data.All(char.IsAsciiDigit);

    /// <summary>
    /// Without an AIM prefix only the data can tell: a leading GS (FNC1), the "(AI)" form, or more characters than
    /// any GTIN starting with AI digits (a DataBar or GS1-128 read by a scanner that sends no prefix).
    /// </summary>
    private static bool LooksLikeElementString(string data) =>
        data[0] == Gs1ElementStrings.GroupSeparator
        || (data[0] == '(' && data.Length > 1 && char.IsAsciiDigit(data[1]))
        || (data.Length > 14 && char.IsAsciiDigit(data[0]) && char.IsAsciiDigit(data[1]));
}
