using PhoneNumbers;

namespace StoreSales.Domain.SalesForce.Customers;

/// <summary>
/// Customer phone numbers in one form, E.164 (<c>+8613800138000</c>), so the same phone typed as
/// <c>138 0013 8000</c>, <c>+86 138-0013-8000</c> or <c>0086 13800138000</c> is one deduplication key.
/// Parsing and validity come from libphonenumber's numbering-plan metadata, not a hand-written pattern, so a
/// new mainland mobile prefix is a package update. Landlines are accepted too (B2B accounts have them).
/// Rule in docs/domain.md ("The sales force").
/// </summary>
public static class CustomerPhone
{
    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    /// <summary>The number in E.164, or a failure naming <see cref="CustomerField.Phone"/>.</summary>
    /// <param name="raw">As typed; a number without a country code is read in <paramref name="defaultRegion"/>.</param>
    /// <param name="defaultRegion">From <see cref="CustomerIdentityOptions.DefaultPhoneRegion"/>.</param>
    public static IdentityCheck Normalize(string? raw, string defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return IdentityCheck.Invalid(CustomerField.Phone, IdentityProblem.Missing, "The phone number is empty.");
        }

        PhoneNumber number;
        try
        {
            number = Numbers.Parse(raw, defaultRegion);
        }
        catch (NumberParseException e)
        {
            return IdentityCheck.Invalid(CustomerField.Phone, IdentityProblem.Unreadable, $"\"{raw}\" is not a phone number ({e.ErrorType}).");
        }

        return Numbers.IsValidNumber(number)
            ? IdentityCheck.Valid(Numbers.Format(number, PhoneNumberFormat.E164))
            : IdentityCheck.Invalid(CustomerField.Phone, IdentityProblem.NotANumber, $"\"{raw}\" is not a valid phone number in {Numbers.GetRegionCodeForNumber(number) ?? defaultRegion}.");
    }
}
