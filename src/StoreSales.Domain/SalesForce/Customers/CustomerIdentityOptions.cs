using PhoneNumbers;

namespace StoreSales.Domain.SalesForce.Customers;

/// <summary>
/// How customer identities are normalised for deduplication. Bound from configuration section
/// <c>SalesForce:Customers:Identity</c>; keys and defaults in docs/domain.md ("The sales force").
/// </summary>
public sealed record CustomerIdentityOptions
{
    public const string SectionName = "SalesForce:Customers:Identity";

    /// <summary>
    /// The region a phone number without a country code is read in (ISO 3166 code, as libphonenumber names
    /// regions). Default <c>CN</c>: most numbers typed at a till or a rep's phone are mainland numbers.
    /// </summary>
    public string DefaultPhoneRegion { get; init; } = "CN";

    /// <summary>
    /// Whether a member's (a person's) normalised name is a deduplication key. Default false: personal names are
    /// far from unique (张伟 is the name of hundreds of thousands of people), so two members with the same name
    /// are not likely duplicates. An account's company name is always a key.
    /// </summary>
    public bool MatchMembersByName { get; init; }

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate() =>
        PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(DefaultPhoneRegion ?? "")
            ? null
            : $"{SectionName}:{nameof(DefaultPhoneRegion)} must be a region code libphonenumber knows, such as CN (is \"{DefaultPhoneRegion}\").";
}
