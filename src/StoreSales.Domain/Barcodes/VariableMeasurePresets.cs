namespace StoreSales.Domain.Barcodes;

/// <summary>
/// Common variable-measure layouts, as data. They are templates, not a country's rule: each claims prefixes 02 and
/// 20–29, so a chain picks the one its scales print, or copies it into a configured rule with its own prefixes,
/// currency and decimals. Layouts ("2x" = the two prefix digits, I item, V price check digit, P value, C EAN check):
/// <list type="bullet">
/// <item>price-5: 2x IIIII PPPPP C — price in cents/fen, no price check digit (e.g. common Chinese scale labels).</item>
/// <item>weight-5: 2x IIIII PPPPP C — weight in grams (kg with 3 decimals).</item>
/// <item>price-4-check: 2x IIIII V PPPP C — 4-digit price with its GS1 price check digit.</item>
/// <item>price-5-check: 2x IIII V PPPPP C — 5-digit price with its GS1 price check digit.</item>
/// </list>
/// </summary>
public static class VariableMeasurePresets
{
    public const string Price5 = "price-5";
    public const string Weight5 = "weight-5";
    public const string Price4Check = "price-4-check";
    public const string Price5Check = "price-5-check";

    public static IReadOnlyList<string> Names { get; } = [Price5, Weight5, Price4Check, Price5Check];

    /// <summary>A fresh copy of the named preset (callers may change it), or null for an unknown name.</summary>
    public static VariableMeasureRule? Create(string name) => name switch
    {
        Price5 => Rule(name, item: (2, 5), value: (7, 5), EmbeddedValueKind.Price, decimals: 2),
        Weight5 => Rule(name, item: (2, 5), value: (7, 5), EmbeddedValueKind.WeightKg, decimals: 3),
        Price4Check => Rule(name, item: (2, 5), value: (8, 4), EmbeddedValueKind.Price, decimals: 2, PriceCheckDigitKind.FourDigit, checkIndex: 7),
        Price5Check => Rule(name, item: (2, 4), value: (7, 5), EmbeddedValueKind.Price, decimals: 2, PriceCheckDigitKind.FiveDigit, checkIndex: 6),
        _ => null,
    };

    private static VariableMeasureRule Rule(
        string name,
        (int Start, int Length) item,
        (int Start, int Length) value,
        EmbeddedValueKind kind,
        int decimals,
        PriceCheckDigitKind check = PriceCheckDigitKind.None,
        int checkIndex = -1) => new()
    {
        Name = name,
        Prefixes = ["02", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29"],
        ItemStart = item.Start,
        ItemLength = item.Length,
        ValueStart = value.Start,
        ValueLength = value.Length,
        ValueKind = kind,
        Decimals = decimals,
        PriceCheckDigit = check,
        PriceCheckDigitIndex = checkIndex,
    };
}
