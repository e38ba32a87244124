namespace StoreSales.Domain.Barcodes;

/// <summary>
/// Reads the item code and the embedded price or weight of a variable-measure EAN-13 (fresh counters, scales).
/// The EAN-13 check digit is verified first and a wrong one is reported, never corrected: a misread price
/// must not reach the sale.
/// </summary>
public static class VariableMeasureCodes
{
    /// <summary>The first rule whose prefixes match the 13 digits, or null.</summary>
    public static VariableMeasureRule? FindRule(string gtin13, IEnumerable<VariableMeasureRule> rules) =>
        rules.FirstOrDefault(r => r.Matches(gtin13));

    /// <summary>Applies <paramref name="rule"/> to a 13-digit code; an invalid rule is reported, not thrown.</summary>
    public static VariableMeasureValue Read(string gtin13, VariableMeasureRule rule)
    {
        VariableMeasureValue Fail(string why) => new(rule.Name, null, null, null, null, why);

        if (gtin13.Length != 13 || !Gtin.IsValid(gtin13))
        {
            return Fail($"not a valid EAN-13 (check digit or digits): {Sanitize(gtin13)}");
        }

        if (rule.Validate() is { } ruleError)
        {
            return Fail(ruleError);
        }

        var value = gtin13.Substring(rule.ValueStart, rule.ValueLength);
        if (rule.PriceCheckDigit != PriceCheckDigitKind.None)
        {
            var expected = PriceWeightCheckDigit.Compute(value);
            var actual = gtin13[rule.PriceCheckDigitIndex] - '0';
            if (expected != actual)
            {
                return Fail($"bad price check digit {actual} for value {value} (rule {rule.Name})");
            }
        }

        var number = decimal.Parse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture)
            / Pow10(rule.Decimals);
        var item = gtin13.Substring(rule.ItemStart, rule.ItemLength);
        return rule.ValueKind == EmbeddedValueKind.WeightKg
            ? new(rule.Name, item, null, null, number, null)
            : new(rule.Name, item, number, rule.Currency, null, null);
    }

    private static decimal Pow10(int decimals)
    {
        var result = 1m;
        for (var i = 0; i < decimals; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static string Sanitize(string text) => new(text.Take(20).Select(c => c is < ' ' or > '~' ? '?' : c).ToArray());
}
