namespace StoreSales.Domain.SalesForce.Leads;

/// <summary>
/// The golden 48 hours (黄金48小时). Bound from configuration section <c>SalesForce:GoldenHours</c>; keys and
/// defaults in docs/domain.md ("The sales force").
/// </summary>
public sealed record GoldenHoursOptions
{
    public const string SectionName = "SalesForce:GoldenHours";

    /// <summary>A lead must have its first contact before this much time after assignment. Default 48 hours.</summary>
    public TimeSpan FirstContactWithin { get; init; } = TimeSpan.FromHours(48);

    /// <summary>
    /// The interactions that count as a first contact. Default <c>Call, Message</c>, as DOMAIN.md words it: a
    /// note is the rep's own record, not a contact with the lead.
    /// </summary>
    public InteractionKinds FirstContactKinds { get; init; } = InteractionKinds.Call | InteractionKinds.Message;

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (FirstContactWithin <= TimeSpan.Zero)
        {
            return $"{SectionName}:{nameof(FirstContactWithin)} must be longer than zero (is {FirstContactWithin}).";
        }

        return FirstContactKinds == InteractionKinds.None || FirstContactKinds.HasUnknownKinds()
            ? $"{SectionName}:{nameof(FirstContactKinds)} must name at least one of Call, Visit, Message, Note and nothing else (is {FirstContactKinds})."
            : null;
    }
}
