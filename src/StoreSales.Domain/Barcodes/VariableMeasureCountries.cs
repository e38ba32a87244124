namespace StoreSales.Domain.Barcodes;

/// <summary>
/// Variable-measure layouts as the GS1 Member Organisations publish them for prefixes 20–29, selected by the store's
/// country (ISO 3166 alpha-2) in <c>Barcodes:Scan:VariableMeasureCountry</c>. Each country's prefixes carry their own
/// value kind, decimals and currency; a prefix a country does not define stays a plain GTIN. Positions are 0-based
/// indexes into the 13 digits (see <see cref="VariableMeasureRule"/>). Sources, and where we had to choose:
/// <list type="bullet">
/// <item>CN — GB/T 18283-2008 "商品条码 店内条码" §4.2 (codes with price, prefixes 20–24). The standard offers four
/// structures and leaves the choice to the store; we follow structure one, 2x IIIII PPPPP C with the price in fen and no
/// price check digit, which is what Chinese retail scales print by default. A store on another structure configures a
/// rule (VariableMeasureRules).</item>
/// <item>SE — GS1 Sweden, "variable weight numbers": 20/21/22 price with 2/1/0 decimals, 23/24/25 weight in kg with
/// 3/2/1 decimals; 2x IIIIII VVVV C.</item>
/// <item>NO — GS1 Norway publishes no layout we could find; Norwegian weighed goods (e.g. 2302148210869, 1.086 kg) follow
/// the Swedish one, so NO uses it. Ambiguous by source; documented in docs/domain.md.</item>
/// <item>DK — GS1 Denmark, "GTIN-13 pris" and "GTIN-13 vægt": 21–24 price 2x IIII VVVVVV C (øre); 26 and 28 weight
/// 2x IIII VVVVVV C (g); 27 weight 27 IIIII VVVVV C (g).</item>
/// <item>FI — GS1 Finland, "how to identify a product": 23/24/25 weight, 2x IIIIII VVVV C, 3/2/1 decimals.</item>
/// <item>EE, LV, LT — GS1 Latvia, "Variable measure in Latvia" (one rule for the three Baltic states): as Finland.</item>
/// <item>DE — GS1 Germany, "Globale Artikelnummer GTIN in der Anwendung": 22/23 price and 28/29 weight, 2x IIII K VVVVV C
/// with a five-digit price/weight check digit K. Its count layouts (25/26) are not read: a scan carries no count.</item>
/// <item>GB — GS1 UK, "How to barcode variable measure items": 20 price in pence, 20 IIIII K VVVV C with a four-digit
/// price check digit K.</item>
/// </list>
/// </summary>
public static class VariableMeasureCountries
{
    private static readonly string[] ChinesePricePrefixes = ["20", "21", "22", "23", "24"];
    private static readonly string[] DanishPricePrefixes = ["21", "22", "23", "24"];
    private static readonly string[] GermanPricePrefixes = ["22", "23"];
    private static readonly string[] GermanWeightPrefixes = ["28", "29"];

    public static IReadOnlyList<string> Codes { get; } = ["CN", "DE", "DK", "EE", "FI", "GB", "LT", "LV", "NO", "SE"];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<VariableMeasureRule>> Decoding = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The country's rules as the decoder tries them, built once per country (the decoder never changes a rule).</summary>
    internal static IReadOnlyList<VariableMeasureRule> ForDecoding(string? country) =>
        string.IsNullOrWhiteSpace(country) ? [] : Decoding.GetOrAdd(country.Trim(), c => Rules(c) ?? []);

    /// <summary>Fresh copies of the country's rules, or null for a country without published rules here.</summary>
    public static IReadOnlyList<VariableMeasureRule>? Rules(string? country) => country?.Trim().ToUpperInvariant() switch
    {
        "CN" => [.. ChinesePricePrefixes.Select(p => Rule("CN", p, (2, 5), (7, 5), EmbeddedValueKind.Price, 2, "CNY"))],
        "SE" => Nordic("SE", "SEK"),
        "NO" => Nordic("NO", "NOK"),
        "DK" =>
        [
            .. DanishPricePrefixes.Select(p => Rule("DK", p, (2, 4), (6, 6), EmbeddedValueKind.Price, 2, "DKK")),
            Rule("DK", "26", (2, 4), (6, 6), EmbeddedValueKind.WeightKg, 3),
            Rule("DK", "27", (2, 5), (7, 5), EmbeddedValueKind.WeightKg, 3),
            Rule("DK", "28", (2, 4), (6, 6), EmbeddedValueKind.WeightKg, 3),
        ],
        "FI" or "EE" or "LV" or "LT" => Weights(country.Trim().ToUpperInvariant()),
        "DE" =>
        [
            .. GermanPricePrefixes.Select(p => Rule("DE", p, (2, 4), (7, 5), EmbeddedValueKind.Price, 2, "EUR", PriceCheckDigitKind.FiveDigit, 6)),
            .. GermanWeightPrefixes.Select(p => Rule("DE", p, (2, 4), (7, 5), EmbeddedValueKind.WeightKg, 3, check: PriceCheckDigitKind.FiveDigit, checkIndex: 6)),
        ],
        "GB" => [Rule("GB", "20", (2, 5), (8, 4), EmbeddedValueKind.Price, 2, "GBP", PriceCheckDigitKind.FourDigit, 7)],
        _ => null,
    };

    // Sweden's layout (Norway follows it): 20/21/22 price with 2/1/0 decimals, 23/24/25 weight with 3/2/1.
    private static List<VariableMeasureRule> Nordic(string country, string currency) =>
    [
        Rule(country, "20", (2, 6), (8, 4), EmbeddedValueKind.Price, 2, currency),
        Rule(country, "21", (2, 6), (8, 4), EmbeddedValueKind.Price, 1, currency),
        Rule(country, "22", (2, 6), (8, 4), EmbeddedValueKind.Price, 0, currency),
        .. Weights(country),
    ];

    private static List<VariableMeasureRule> Weights(string country) =>
    [
        Rule(country, "23", (2, 6), (8, 4), EmbeddedValueKind.WeightKg, 3),
        Rule(country, "24", (2, 6), (8, 4), EmbeddedValueKind.WeightKg, 2),
        Rule(country, "25", (2, 6), (8, 4), EmbeddedValueKind.WeightKg, 1),
    ];

    private static VariableMeasureRule Rule(
        string country,
        string prefix,
        (int Start, int Length) item,
        (int Start, int Length) value,
        EmbeddedValueKind kind,
        int decimals,
        string? currency = null,
        PriceCheckDigitKind check = PriceCheckDigitKind.None,
        int checkIndex = -1) => new()
    {
        Name = $"{country}-{prefix}",
        Prefixes = [prefix],
        ItemStart = item.Start,
        ItemLength = item.Length,
        ValueStart = value.Start,
        ValueLength = value.Length,
        ValueKind = kind,
        Decimals = decimals,
        Currency = currency,
        PriceCheckDigit = check,
        PriceCheckDigitIndex = checkIndex,
    };
}
