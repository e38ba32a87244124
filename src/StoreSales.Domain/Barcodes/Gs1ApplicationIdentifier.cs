namespace StoreSales.Domain.Barcodes;

/// <summary>
/// One GS1 Application Identifier and the format of its data field, per the GS1 General Specifications
/// (section 3, "GS1 Application Identifier definitions").
/// </summary>
/// <param name="Ai">The AI digits, e.g. "01", "3103".</param>
/// <param name="Title">The GS1 data title, e.g. "GTIN", "BATCH/LOT", "NET WEIGHT (kg)".</param>
/// <param name="MinLength">Fewest characters in the data field.</param>
/// <param name="MaxLength">Most characters in the data field (equal to <paramref name="MinLength"/> for fixed length).</param>
/// <param name="Kind">How the value is interpreted.</param>
/// <param name="Numeric">Digits only (GS1 "N"); otherwise GS1 AI encodable character set 82 (GS1 "X").</param>
/// <param name="LeadingDigits">For mixed formats such as N3+X..9: how many leading characters must be digits.</param>
/// <param name="CheckDigitLength">When not 0, the first so many digits end with a GS1 mod-10 check digit (GTIN 14, SSCC 18, GLN 13).</param>
public sealed record Gs1ApplicationIdentifier(
    string Ai,
    string Title,
    int MinLength,
    int MaxLength,
    Gs1ValueKind Kind,
    bool Numeric,
    int LeadingDigits = 0,
    int CheckDigitLength = 0)
{
    /// <summary>
    /// True when the AI is in GS1's table of predefined lengths (first two digits 00–04, 11–20, 31–36, 41): such a
    /// field is never followed by FNC1. Every other AI, even a fixed-length one like 422, must be ended by FNC1
    /// (GS) unless it is last.
    /// </summary>
    public bool HasPredefinedLength => Ai[..2] is "00" or "01" or "02" or "03" or "04"
        or "11" or "12" or "13" or "14" or "15" or "16" or "17" or "18" or "19" or "20"
        or "31" or "32" or "33" or "34" or "35" or "36" or "41";

    /// <summary>Implied decimal places of a <see cref="Gs1ValueKind.Number"/> or currency AI: its last digit.</summary>
    public int Decimals => Kind is Gs1ValueKind.Number or Gs1ValueKind.CurrencyAndNumber ? Ai[^1] - '0' : 0;
}
