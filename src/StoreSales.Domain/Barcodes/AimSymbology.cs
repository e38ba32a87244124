namespace StoreSales.Domain.Barcodes;

/// <summary>
/// The symbology a scanner reports in an AIM symbology identifier (ISO/IEC 15424), the "]Xm" prefix it can be
/// configured to send before the data. The prefix is what tells a GS1-128 element string from a plain Code 128
/// that happens to hold digits, so it is kept even when the symbology is not one we know.
/// </summary>
/// <param name="Identifier">The three characters as sent (e.g. "]E0"), or null when the scanner sent none.</param>
/// <param name="Name">A readable name: "EAN-13/UPC-A", "GS1-128", ...; "none" without prefix, "unknown" for a prefix not listed.</param>
/// <param name="IsGs1ElementString">The modifier says FNC1 in first position: the data is a GS1 element string.</param>
/// <param name="CarriesGtin">An EAN/UPC or ITF symbol: the data is a bare GTIN, not an element string.</param>
public sealed record AimSymbology(string? Identifier, string Name, bool IsGs1ElementString, bool CarriesGtin)
{
    /// <summary>No AIM prefix: the scanner was not configured to send one, so the data has to speak for itself.</summary>
    public static readonly AimSymbology None = new(null, "none", false, false);

    // Only the identifiers a till meets; anything else is reported as "unknown", not rejected.
    private static readonly Dictionary<string, (string Name, bool Gs1, bool Gtin)> Known = new(StringComparer.Ordinal)
    {
        ["]E0"] = ("EAN-13/UPC-A/UPC-E", false, true),
        ["]E1"] = ("EAN/UPC 2-digit add-on", false, false),
        ["]E2"] = ("EAN/UPC 5-digit add-on", false, false),
        ["]E3"] = ("EAN-13/UPC with add-on", false, true),
        ["]E4"] = ("EAN-8", false, true),
        ["]I0"] = ("ITF", false, true),
        ["]I1"] = ("ITF-14", false, true),
        ["]C0"] = ("Code 128", false, false),
        ["]C1"] = ("GS1-128", true, false),
        ["]C2"] = ("Code 128 (FNC1 in second position)", false, false),
        ["]e0"] = ("GS1 DataBar", true, false),
        ["]e1"] = ("GS1 Composite", true, false),
        ["]e2"] = ("GS1 Composite", true, false),
        ["]e3"] = ("GS1 Composite", true, false),
        ["]d1"] = ("Data Matrix", false, false),
        ["]d2"] = ("GS1 DataMatrix", true, false),
        ["]Q0"] = ("QR Code model 1", false, false),
        ["]Q1"] = ("QR Code", false, false),
        ["]Q2"] = ("QR Code (ECI)", false, false),
        ["]Q3"] = ("GS1 QR Code", true, false),
        ["]J0"] = ("DotCode", false, false),
        ["]J1"] = ("GS1 DotCode", true, false),
        ["]A0"] = ("Code 39", false, false),
        ["]F0"] = ("Codabar", false, false),
        ["]G0"] = ("Code 93", false, false),
        ["]L2"] = ("PDF417", false, false),
        ["]z0"] = ("Aztec", false, false),
    };

    /// <summary>
    /// Splits an optional leading "]Xm" from the scanned text. Text that starts with ']' but is too short to hold
    /// an identifier is returned whole with <see cref="None"/>.
    /// </summary>
    public static (AimSymbology Symbology, string Data) Split(string scannedText)
    {
        if (scannedText is null || scannedText.Length < 3 || scannedText[0] != ']')
        {
            return (None, scannedText ?? string.Empty);
        }

        var identifier = scannedText[..3];
        var data = scannedText[3..];
        return Known.TryGetValue(identifier, out var known)
            ? (new AimSymbology(identifier, known.Name, known.Gs1, known.Gtin), data)
            : (new AimSymbology(identifier, "unknown", false, false), data);
    }
}
