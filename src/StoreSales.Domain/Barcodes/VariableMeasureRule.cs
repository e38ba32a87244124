namespace StoreSales.Domain.Barcodes;

/// <summary>
/// Where a variable-measure EAN-13 (GS1 prefix 02, or 20–29) keeps its item code and embedded price or weight.
/// GS1 leaves this layout to each GS1 Member Organisation and to companies, so there is no universal default:
/// a chain configures its country's (or its scale vendor's) layout, typically by copying one of
/// <see cref="VariableMeasurePresets"/>. Positions are 0-based indexes into the 13 digits (index 0 is the first
/// prefix digit, 12 the EAN-13 check digit). A 12-digit UPC-A is read as its GTIN-13 with a leading 0, so a
/// US "2IIIIIVPPPPC" label is prefix "02" here. Plain class with settable properties: bound from configuration.
/// </summary>
public sealed class VariableMeasureRule
{
    /// <summary>For messages and configuration, e.g. "price-5".</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The leading digits this rule applies to, e.g. "20" … "29", "02". The first rule whose prefix matches wins.</summary>
    public List<string> Prefixes { get; set; } = [];

    public int ItemStart { get; set; } = 2;

    public int ItemLength { get; set; } = 5;

    public int ValueStart { get; set; } = 7;

    public int ValueLength { get; set; } = 5;

    public EmbeddedValueKind ValueKind { get; set; } = EmbeddedValueKind.Price;

    /// <summary>Implied decimals of the value: 2 for cents/fen, 3 for grams as kg.</summary>
    public int Decimals { get; set; } = 2;

    /// <summary>ISO 4217 code of a price (e.g. "CNY", "EUR"); not used for weights.</summary>
    public string? Currency { get; set; }

    public PriceCheckDigitKind PriceCheckDigit { get; set; } = PriceCheckDigitKind.None;

    /// <summary>Index of the price/weight check digit; used only when <see cref="PriceCheckDigit"/> is not None.</summary>
    public int PriceCheckDigitIndex { get; set; } = -1;

    /// <summary>True when the 13 digits start with one of <see cref="Prefixes"/>.</summary>
    public bool Matches(string gtin13) => Prefixes.Exists(p => p.Length > 0 && gtin13.StartsWith(p, StringComparison.Ordinal));

    /// <summary>Describes the first inconsistent setting, or null when the rule is usable.</summary>
    public string? Validate()
    {
        var name = string.IsNullOrEmpty(Name) ? "(unnamed)" : Name;
        if (Prefixes.Count == 0 || Prefixes.Exists(p => p.Length is 0 or > 12 || !p.All(char.IsAsciiDigit)))
        {
            return $"Variable-measure rule {name}: {nameof(Prefixes)} must be 1 to 12 digits each, at least one.";
        }

        if (!FitsBeforeCheckDigit(ItemStart, ItemLength) || ItemLength > 12)
        {
            return $"Variable-measure rule {name}: the item code ({ItemStart}, {ItemLength}) must lie within indexes 0–11.";
        }

        if (!FitsBeforeCheckDigit(ValueStart, ValueLength) || ValueLength > 9)
        {
            return $"Variable-measure rule {name}: the value ({ValueStart}, {ValueLength}) must lie within indexes 0–11 and have at most 9 digits.";
        }

        if (Decimals < 0 || Decimals > ValueLength)
        {
            return $"Variable-measure rule {name}: {nameof(Decimals)} must be between 0 and the value length ({ValueLength}).";
        }

        if (PriceCheckDigit != PriceCheckDigitKind.None)
        {
            var needed = PriceCheckDigit == PriceCheckDigitKind.FourDigit ? 4 : 5;
            if (ValueLength != needed)
            {
                return $"Variable-measure rule {name}: a {PriceCheckDigit} price check digit needs a {needed}-digit value.";
            }

            if (!FitsBeforeCheckDigit(PriceCheckDigitIndex, 1) || Overlaps(PriceCheckDigitIndex, 1, ValueStart, ValueLength))
            {
                return $"Variable-measure rule {name}: {nameof(PriceCheckDigitIndex)} must be within 0–11 and outside the value.";
            }
        }

        return Overlaps(ItemStart, ItemLength, ValueStart, ValueLength)
            ? $"Variable-measure rule {name}: item code and value overlap."
            : null;
    }

    private static bool FitsBeforeCheckDigit(int start, int length) => start >= 0 && length > 0 && start + length <= 12;

    private static bool Overlaps(int aStart, int aLength, int bStart, int bLength) => aStart < bStart + bLength && bStart < aStart + aLength;
}
