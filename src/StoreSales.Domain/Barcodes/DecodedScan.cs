namespace StoreSales.Domain.Barcodes;

/// <summary>
/// Everything the till needs from one scan. <see cref="Kind"/> says what it was recognised as even when it is
/// not valid (a GTIN with a wrong check digit is Kind Gtin, Valid false), so invalid scans can be counted per kind.
/// </summary>
public sealed record DecodedScan
{
    public required AimSymbology Symbology { get; init; }

    public required ScanKind Kind { get; init; }

    /// <summary>The scanned payload after the AIM prefix, trimmed of surrounding spaces and line ends.</summary>
    public required string Data { get; init; }

    /// <summary>
    /// The GTIN as encoded: 8/12/13/14 digits for a bare GTIN, 13 for a variable-measure code (look up
    /// <see cref="ItemCode"/> instead), 14 from AI (01). Null when invalid or absent.
    /// </summary>
    public string? Gtin { get; init; }

    /// <summary><see cref="Gtin"/> padded to 14 digits, the form to compare GTINs from different symbols by.</summary>
    public string? Gtin14 => Gtin?.PadLeft(14, '0');

    /// <summary>The GS1 AIs of an element string, in encoded order.</summary>
    public IReadOnlyList<Gs1Element> Elements { get; init; } = [];

    /// <summary>The item code of a variable-measure code.</summary>
    public string? ItemCode { get; init; }

    /// <summary>Embedded price: variable-measure price, or AI 392n/393n.</summary>
    public decimal? Price { get; init; }

    /// <summary>
    /// Currency of <see cref="Price"/>: the rule's configured code for variable measure, the ISO 4217 numeric
    /// code (e.g. "978") for AI 393n, null when the symbol does not say (392n: the local currency).
    /// </summary>
    public string? Currency { get; init; }

    /// <summary>Embedded net weight in kg: variable-measure weight, or AI 310n.</summary>
    public decimal? WeightKg { get; init; }

    public string? MemberId { get; init; }

    /// <summary>Why the scan cannot be used; null when it is valid. Unknown scans are never valid.</summary>
    public string? Reason { get; init; }

    public bool Valid => Reason is null;
}
