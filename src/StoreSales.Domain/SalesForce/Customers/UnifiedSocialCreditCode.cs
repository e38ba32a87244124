using System.Buffers;

namespace StoreSales.Domain.SalesForce.Customers;

/// <summary>
/// China's unified social credit code (统一社会信用代码, GB 32100-2015), the identity of a B2B account: 18
/// characters from the alphabet 0-9 A-H J-N P-R T-U W-Y (31 characters: no I, O, S, V, Z), the last a check
/// character. Each of the first 17 characters has its alphabet value (0–30) and the weight 3^i mod 31 of its
/// position (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28); the check character is the one whose
/// value is 31 − (weighted sum mod 31), with 31 meaning 0.
/// What is checked: length, alphabet, check character. Not checked: the meaning of the parts (registration
/// authority, entity type, region code, the embedded GB 11714 organisation code), which a valid code can carry
/// in forms this code would have to keep up with. Rule in docs/domain.md ("The sales force").
/// </summary>
public static class UnifiedSocialCreditCode
{
    public const int Length = 18;

    /// <summary>The code's alphabet in value order: a character's index is its value.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly SearchValues<char> AlphabetValues = SearchValues.Create(Alphabet);

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>
    /// The code in its stored form (trimmed, upper case, full-width characters as ASCII), or a failure naming
    /// <see cref="CustomerField.CreditCode"/>: missing, wrong length, a letter outside the alphabet, a wrong check character.
    /// </summary>
    public static IdentityCheck Normalize(string? raw)
    {
        var code = CustomerText.ToHalfWidth((raw ?? "").Trim()).ToUpperInvariant();
        if (code.Length == 0)
        {
            return IdentityCheck.Invalid(CustomerField.CreditCode, IdentityProblem.Missing, "The unified social credit code is empty.");
        }

        if (code.Length != Length)
        {
            return IdentityCheck.Invalid(CustomerField.CreditCode, IdentityProblem.WrongLength, $"A unified social credit code has {Length} characters; \"{code}\" has {code.Length}.");
        }

        var bad = code.AsSpan().IndexOfAnyExcept(AlphabetValues);
        if (bad >= 0)
        {
            return IdentityCheck.Invalid(CustomerField.CreditCode, IdentityProblem.InvalidCharacter, $"'{code[bad]}' (position {bad + 1}) is not in the unified social credit code alphabet (0-9 and A-Y without I, O, S, V, Z).");
        }

        var check = CheckCharacter(code.AsSpan(0, Length - 1));
        return code[^1] == check
            ? IdentityCheck.Valid(code)
            : IdentityCheck.Invalid(CustomerField.CreditCode, IdentityProblem.WrongCheckCharacter, $"The check character of \"{code}\" should be '{check}': a character was probably mistyped.");
    }

    /// <summary>The check character of the first 17 characters (which must already be in the alphabet).</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException($"The check character is computed over {Length - 1} characters.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var value = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"'{first17[i]}' is not in the alphabet.", nameof(first17));
            }

            sum += value * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }
}
