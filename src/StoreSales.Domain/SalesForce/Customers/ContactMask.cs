using PhoneNumbers;

namespace StoreSales.Domain.SalesForce.Customers;

/// <summary>
/// Contact details as a viewer who is not the customer's owner sees them (docs/domain.md "Customer access"): enough to
/// recognise a number (<c>+86 138****8000</c>: country, operator prefix, last four), not enough to call it.
/// </summary>
public static class ContactMask
{
    private const int KeptAtStart = 3;
    private const int KeptAtEnd = 4;
    private const int KeptOfShort = 2;

    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// A stored E.164 phone (<c>+8613800138000</c>) masked: the country code and the national number's first three and
    /// last four digits stay, the rest becomes <c>*</c>; a national number too short for that keeps its last two digits
    /// only. A value that is no E.164 number at all keeps its last two characters. Null and empty stay as they are.
    /// </summary>
    public static string? Phone(string? e164)
    {
        if (string.IsNullOrEmpty(e164))
        {
            return e164;
        }

        PhoneNumber number;
        try
        {
            number = Numbers.Parse(e164, null);
        }
        catch (NumberParseException)
        {
            return Hide(e164, e164.Length - KeptOfShort, KeptOfShort);
        }

        var national = Numbers.GetNationalSignificantNumber(number);
        var masked = national.Length > KeptAtStart + KeptAtEnd
            ? national[..KeptAtStart] + Hide(national[KeptAtStart..], national.Length - KeptAtStart - KeptAtEnd, KeptAtEnd)
            : Hide(national, national.Length - KeptOfShort, KeptOfShort);
        return $"+{number.CountryCode} {masked}";
    }

    private static string Hide(string text, int hidden, int kept)
    {
        hidden = Math.Max(0, hidden);
        return new string('*', hidden) + text[Math.Max(0, text.Length - kept)..];
    }
}
