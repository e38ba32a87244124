namespace StoreSales.Domain.Barcodes;

/// <summary>
/// Checks one AI's data field against its definition and interprets it. Shared by the raw (GS-separated) and the
/// human-readable (parenthesised) readers so both reject exactly the same things.
/// </summary>
internal static class Gs1ValueReader
{
    // GS1 AI encodable character set 82 (General Specifications figure 7.11-1), apart from letters and digits.
    private const string Cset82Symbols = "!\"%&'()*+,-./:;<=>?_";

    /// <summary>The element, or an error naming the AI and the 1-based position of the AI in the element string.</summary>
    public static (Gs1Element? Element, string? Error) Read(Gs1ApplicationIdentifier ai, string value, int position, int? currentYear)
    {
        string Fail(string what) => $"AI ({ai.Ai}) {ai.Title} at position {position}: {what}";

        if (value.Length < ai.MinLength || value.Length > ai.MaxLength)
        {
            return (null, Fail(ai.MinLength == ai.MaxLength
                ? $"value has {value.Length} characters, must have {ai.MaxLength}"
                : $"value has {value.Length} characters, must have {ai.MinLength} to {ai.MaxLength}"));
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var digitRequired = ai.Numeric || i < ai.LeadingDigits;
            if (digitRequired ? !char.IsAsciiDigit(c) : !IsCset82(c))
            {
                return (null, Fail($"character {Describe(c)} at value position {i + 1} is not allowed ({(digitRequired ? "digits only" : "GS1 character set 82")})"));
            }
        }

        if (ai.CheckDigitLength > 0)
        {
            var body = value.AsSpan(0, ai.CheckDigitLength - 1);
            var expected = Gtin.ComputeCheckDigit(body);
            var actual = value[ai.CheckDigitLength - 1] - '0';
            if (expected != actual)
            {
                return (null, Fail($"bad check digit {actual} in {value[..ai.CheckDigitLength]}"));
            }
        }

        var element = new Gs1Element(ai.Ai, ai.Title, value);
        switch (ai.Kind)
        {
            case Gs1ValueKind.Date:
                var date = Gs1Date.TryParse(value, currentYear);
                return date is null ? (null, Fail($"invalid date {value} (YYMMDD)")) : (element with { Date = date }, null);
            case Gs1ValueKind.Count:
                return (element with { Number = ToDecimal(value, 0) }, null);
            case Gs1ValueKind.Number:
                return (element with { Number = ToDecimal(value, ai.Decimals) }, null);
            case Gs1ValueKind.CurrencyAndNumber:
                return (element with { Currency = value[..3], Number = ToDecimal(value[3..], ai.Decimals) }, null);
            default:
                return (element, null);
        }
    }

    public static bool IsCset82(char c) => char.IsAsciiLetterOrDigit(c) || Cset82Symbols.Contains(c, StringComparison.Ordinal);

    /// <summary>Digits (at most 18, which the AI lengths guarantee) with <paramref name="decimals"/> implied places, exactly.</summary>
    private static decimal ToDecimal(string digits, int decimals)
    {
        var units = long.Parse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
        return new decimal((int)(units & 0xFFFFFFFF), (int)(units >> 32), 0, false, (byte)decimals);
    }

    private static string Describe(char c) => c == Gs1ElementStrings.GroupSeparator ? "GS" : c < ' ' || c > '~' ? $"U+{(int)c:X4}" : $"'{c}'";
}
