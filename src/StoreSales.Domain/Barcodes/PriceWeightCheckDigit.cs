namespace StoreSales.Domain.Barcodes;

/// <summary>
/// The check digit GS1 defines for a 4- or 5-digit price or weight field inside a variable-measure RCN
/// (GS1 General Specifications 7.9.3). It lets a till catch a misread price even when the EAN-13 check digit
/// happens to pass. Each weighting factor maps a digit to a single digit:
/// "2-": units − tens of 2d; "3": 3d; "5+": units + tens of 5d; "5-": units − tens of 5d (all mod 10).
/// </summary>
public static class PriceWeightCheckDigit
{
    private static readonly int[] TwoMinus = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7];
    private static readonly int[] Three = [0, 3, 6, 9, 2, 5, 8, 1, 4, 7];
    private static readonly int[] FivePlus = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9];
    private static readonly int[] FiveMinus = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1];

    /// <summary>4 digits: factors 2-, 2-, 3, 5-; the check digit is the units digit of 3 × the sum. GS1's example: 2875 → 9.</summary>
    public static int ComputeFourDigit(ReadOnlySpan<char> price)
    {
        RequireDigits(price, 4);
        var sum = TwoMinus[price[0] - '0'] + TwoMinus[price[1] - '0'] + Three[price[2] - '0'] + FiveMinus[price[3] - '0'];
        return sum * 3 % 10;
    }

    /// <summary>
    /// 5 digits: factors 5+, 2-, 5-, 5+, 2-; subtract the sum from the next multiple of 10, and the check digit is
    /// the digit whose "5-" product is that difference. GS1's example: 14685 → 6.
    /// </summary>
    public static int ComputeFiveDigit(ReadOnlySpan<char> price)
    {
        RequireDigits(price, 5);
        var sum = FivePlus[price[0] - '0'] + TwoMinus[price[1] - '0'] + FiveMinus[price[2] - '0']
            + FivePlus[price[3] - '0'] + TwoMinus[price[4] - '0'];
        var difference = (10 - sum % 10) % 10;
        return Array.IndexOf(FiveMinus, difference);
    }

    /// <summary>Dispatches on the field length (4 or 5).</summary>
    public static int Compute(ReadOnlySpan<char> price) => price.Length == 4 ? ComputeFourDigit(price) : ComputeFiveDigit(price);

    private static void RequireDigits(ReadOnlySpan<char> price, int length)
    {
        if (price.Length != length || price.ContainsAnyExceptInRange('0', '9'))
        {
            throw new ArgumentException($"A price/weight check digit needs exactly {length} digits.", nameof(price));
        }
    }
}
