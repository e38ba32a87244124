namespace StoreSales.Domain.Barcodes;

/// <summary>
/// The GS1 AIs this parser knows: the ones retail meets on trade items and logistic units. An AI not listed
/// here is reported as unknown rather than guessed at, because without its length the rest of the element
/// string cannot be split reliably. GS1 AIs are prefix-free, so a 2-, 3- or 4-digit lookup is unambiguous.
/// </summary>
public static class Gs1ApplicationIdentifiers
{
    private static readonly Dictionary<string, Gs1ApplicationIdentifier> Table = Build().ToDictionary(a => a.Ai, StringComparer.Ordinal);

    public static IReadOnlyCollection<Gs1ApplicationIdentifier> All => Table.Values;

    /// <summary>The definition of exactly this AI, or null.</summary>
    public static Gs1ApplicationIdentifier? Find(string ai) => Table.GetValueOrDefault(ai);

    /// <summary>The AI that starts <paramref name="text"/> at <paramref name="start"/>, or null when none of 2–4 digits matches.</summary>
    public static Gs1ApplicationIdentifier? FindAt(string text, int start)
    {
        for (var length = 2; length <= 4 && start + length <= text.Length; length++)
        {
            if (Table.TryGetValue(text.Substring(start, length), out var ai))
            {
                return ai;
            }
        }

        return null;
    }

    private static IEnumerable<Gs1ApplicationIdentifier> Build()
    {
        yield return Fixed("00", "SSCC", 18, checkDigitLength: 18);
        yield return Fixed("01", "GTIN", 14, checkDigitLength: 14);
        yield return Fixed("02", "CONTENT", 14, checkDigitLength: 14);
        yield return Text("10", "BATCH/LOT", 20);
        yield return Date("11", "PROD DATE");
        yield return Date("12", "DUE DATE");
        yield return Date("13", "PACK DATE");
        yield return Date("15", "BEST BEFORE or BEST BY");
        yield return Date("16", "SELL BY");
        yield return Date("17", "USE BY OR EXPIRY");
        yield return Fixed("20", "VARIANT", 2);
        yield return Text("21", "SERIAL", 20);
        yield return Text("22", "CPV", 20);
        yield return Text("240", "ADDITIONAL ID", 30);
        yield return Text("241", "CUST. PART No.", 30);
        yield return Text("250", "SECONDARY SERIAL", 30);
        yield return Text("251", "REF. TO SOURCE", 30);
        yield return Text("254", "GLN EXTENSION COMPONENT", 20);
        yield return new("30", "VAR. COUNT", 1, 8, Gs1ValueKind.Count, Numeric: true);
        yield return new("37", "COUNT", 1, 8, Gs1ValueKind.Count, Numeric: true);

        // Trade measures: N6 with n = 0..5 implied decimals (GS1 defines no 3106–3109).
        foreach (var (prefix, title) in new[]
                 {
                     ("310", "NET WEIGHT (kg)"), ("311", "LENGTH (m)"), ("312", "WIDTH (m)"), ("313", "HEIGHT (m)"),
                     ("314", "AREA (m²)"), ("315", "NET VOLUME (l)"), ("316", "NET VOLUME (m³)"), ("330", "GROSS WEIGHT (kg)"),
                 })
        {
            for (var n = 0; n <= 5; n++)
            {
                yield return new(prefix + n, title, 6, 6, Gs1ValueKind.Number, Numeric: true);
            }
        }

        // Amounts and prices: n = 0..9 implied decimals; 391n/393n lead with an ISO 4217 numeric currency code.
        for (var n = 0; n <= 9; n++)
        {
            yield return new("390" + n, "AMOUNT", 1, 15, Gs1ValueKind.Number, Numeric: true);
            yield return new("391" + n, "AMOUNT", 4, 18, Gs1ValueKind.CurrencyAndNumber, Numeric: true, LeadingDigits: 3);
            yield return new("392" + n, "PRICE", 1, 15, Gs1ValueKind.Number, Numeric: true);
            yield return new("393" + n, "PRICE", 4, 18, Gs1ValueKind.CurrencyAndNumber, Numeric: true, LeadingDigits: 3);
        }

        yield return Text("400", "ORDER NUMBER", 30);
        yield return Text("401", "GINC", 30);
        yield return Text("403", "ROUTE", 30);
        foreach (var (ai, title) in new[]
                 {
                     ("410", "SHIP TO LOC"), ("411", "BILL TO"), ("412", "PURCHASE FROM"), ("413", "SHIP FOR LOC"),
                     ("414", "LOC No."), ("415", "PAY TO"), ("416", "PROD/SERV LOC"), ("417", "PARTY"),
                 })
        {
            yield return Fixed(ai, title, 13, checkDigitLength: 13);
        }

        yield return Text("420", "SHIP TO POST", 20);
        yield return new("421", "SHIP TO POST", 4, 12, Gs1ValueKind.Text, Numeric: false, LeadingDigits: 3);
        yield return Fixed("422", "ORIGIN", 3);
        yield return Text("8020", "REF No.", 25);
        yield return Text("90", "INTERNAL", 30);
        for (var ai = 91; ai <= 99; ai++)
        {
            yield return Text(ai.ToString(System.Globalization.CultureInfo.InvariantCulture), "INTERNAL", 90);
        }
    }

    private static Gs1ApplicationIdentifier Fixed(string ai, string title, int length, int checkDigitLength = 0) =>
        new(ai, title, length, length, Gs1ValueKind.Text, Numeric: true, CheckDigitLength: checkDigitLength);

    private static Gs1ApplicationIdentifier Text(string ai, string title, int maxLength) =>
        new(ai, title, 1, maxLength, Gs1ValueKind.Text, Numeric: false);

    private static Gs1ApplicationIdentifier Date(string ai, string title) =>
        new(ai, title, 6, 6, Gs1ValueKind.Date, Numeric: true);
}
