namespace StoreSales.Domain.SalesForce.Reps;

/// <summary>
/// Rep process health, weekly. Bound from configuration section <c>SalesForce:ProcessHealth</c>; keys and defaults
/// in docs/domain.md ("The sales force").
/// </summary>
public sealed record ProcessHealthOptions
{
    public const string SectionName = "SalesForce:ProcessHealth";

    private const ProfileFields Known = ProfileFields.Name | ProfileFields.Phone | ProfileFields.Address | ProfileFields.Birthday
        | ProfileFields.Industry | ProfileFields.CreditCode | ProfileFields.ContactPerson | ProfileFields.ServicePeriod;

    /// <summary>A lead's first response counts as in time when it comes before this. Default 24 hours.</summary>
    public TimeSpan LeadResponseWithin { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Share of leads answered in time a rep must reach. Default 0.85.</summary>
    public decimal LeadResponseTarget { get; init; } = 0.85m;

    /// <summary>Share of follow-up actions done by their due date a rep must reach. Default 0.92.</summary>
    public decimal FollowUpClosureTarget { get; init; } = 0.92m;

    /// <summary>Share of a rep's customers with a complete profile a rep must reach. Default 0.96.</summary>
    public decimal ProfileCompletenessTarget { get; init; } = 0.96m;

    /// <summary>The fields that make a member's profile complete. Default <c>Name, Phone</c>.</summary>
    public ProfileFields MemberProfileFields { get; init; } = ProfileFields.Name | ProfileFields.Phone;

    /// <summary>
    /// The fields that make an account's profile complete. Default <c>Name, Phone, Address, Industry, CreditCode,
    /// ContactPerson</c>.
    /// </summary>
    public ProfileFields AccountProfileFields { get; init; } = ProfileFields.Name | ProfileFields.Phone | ProfileFields.Address
        | ProfileFields.Industry | ProfileFields.CreditCode | ProfileFields.ContactPerson;

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (LeadResponseWithin <= TimeSpan.Zero)
        {
            return $"{SectionName}:{nameof(LeadResponseWithin)} must be longer than zero (is {LeadResponseWithin}).";
        }

        foreach (var (name, target) in new[] { (nameof(LeadResponseTarget), LeadResponseTarget), (nameof(FollowUpClosureTarget), FollowUpClosureTarget), (nameof(ProfileCompletenessTarget), ProfileCompletenessTarget) })
        {
            if (target is < 0 or > 1)
            {
                return $"{SectionName}:{name} must be a share between 0 and 1 (is {target}).";
            }
        }

        foreach (var (name, fields) in new[] { (nameof(MemberProfileFields), MemberProfileFields), (nameof(AccountProfileFields), AccountProfileFields) })
        {
            if (fields == ProfileFields.None || (fields & ~Known) != 0)
            {
                return $"{SectionName}:{name} must name at least one known profile field and nothing else (is {fields}).";
            }
        }

        return null;
    }
}
