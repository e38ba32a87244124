namespace StoreSales.Domain.Barcodes;

/// <summary>
/// GS1 Global Trade Item Numbers (GTIN-8, -12, -13, -14) and their mod-10 check digit.
/// A code with a wrong check digit is reported as invalid, never "corrected".
/// </summary>
public static class Gtin
{
    public static bool IsValidLength(int length) => length is 8 or 12 or 13 or 14;

    /// <summary>True when <paramref name="code"/> is all digits, of a GTIN length, and its last digit checks.</summary>
    public static bool IsValid(ReadOnlySpan<char> code)
    {
        if (!IsValidLength(code.Length) || !AllDigits(code))
        {
            return false;
        }

        return ComputeCheckDigit(code[..^1]) == code[^1] - '0';
    }

    /// <summary>
    /// The GS1 check digit for the digits before it: weights 3 and 1 alternate from the rightmost digit.
    /// </summary>
    public static int ComputeCheckDigit(ReadOnlySpan<char> digitsWithoutCheck)
    {
        var sum = 0;
        var weight = 3;
        for (var i = digitsWithoutCheck.Length - 1; i >= 0; i--)
        {
            var digit = digitsWithoutCheck[i] - '0';
            if ((uint)digit > 9)
            {
                throw new ArgumentException("Only digits can carry a GS1 check digit.", nameof(digitsWithoutCheck));
            }

            sum += digit * weight;
            weight = weight == 3 ? 1 : 3;
        }

        return (10 - (sum % 10)) % 10;
    }

    /// <summary>Appends the check digit to a GTIN body (e.g. 12 digits → GTIN-13).</summary>
    public static string WithCheckDigit(string body) => body + ComputeCheckDigit(body).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool AllDigits(ReadOnlySpan<char> code)
    {
        foreach (var c in code)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
