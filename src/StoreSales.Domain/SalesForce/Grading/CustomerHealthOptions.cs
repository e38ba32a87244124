namespace StoreSales.Domain.SalesForce.Grading;

/// <summary>
/// The customer health score (0–100) and its drop alert. Bound from configuration section
/// <c>SalesForce:Health</c>; keys, defaults and the formula in docs/domain.md ("The sales force"). DOMAIN.md fixes
/// no numbers here: the defaults are the chain's to change.
/// </summary>
public sealed record CustomerHealthOptions
{
    public const string SectionName = "SalesForce:Health";

    /// <summary>Interactions in the window that earn full marks for frequency. Default 4 (about one a week).</summary>
    public int InteractionsForFullMarks { get; init; } = 4;

    /// <summary>
    /// The interactions that count for frequency. Default <c>Call, Visit, Message</c>: a note is a record, not contact
    /// with the customer.
    /// </summary>
    public InteractionKinds InteractionKinds { get; init; } = InteractionKinds.Call | InteractionKinds.Visit | InteractionKinds.Message;

    /// <summary>An average response at or under this earns full marks for response. Default 4 hours.</summary>
    public TimeSpan GoodResponse { get; init; } = TimeSpan.FromHours(4);

    /// <summary>An average response at or over this earns nothing for response. Default 72 hours.</summary>
    public TimeSpan PoorResponse { get; init; } = TimeSpan.FromHours(72);

    /// <summary>Weight of interaction frequency. Default 40.</summary>
    public decimal FrequencyWeight { get; init; } = 40m;

    /// <summary>Weight of response times. Default 30.</summary>
    public decimal ResponseWeight { get; init; } = 30m;

    /// <summary>Weight of the order trend. Default 30.</summary>
    public decimal TrendWeight { get; init; } = 30m;

    /// <summary>A score falling from this or above to below it alerts the owner. Default 40.</summary>
    public int AlertBelow { get; init; } = 40;

    /// <summary>A score falling by at least this many points since the last score alerts the owner; 0 switches it off. Default 20.</summary>
    public int AlertOnDropOf { get; init; } = 20;

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (InteractionsForFullMarks < 1)
        {
            return $"{SectionName}:{nameof(InteractionsForFullMarks)} must be at least 1 (is {InteractionsForFullMarks}).";
        }

        if (InteractionKinds == InteractionKinds.None || InteractionKinds.HasUnknownKinds())
        {
            return $"{SectionName}:{nameof(InteractionKinds)} must name at least one of Call, Visit, Message, Note and nothing else (is {InteractionKinds}).";
        }

        if (GoodResponse < TimeSpan.Zero || PoorResponse <= GoodResponse)
        {
            return $"{SectionName}:{nameof(PoorResponse)} must be longer than {nameof(GoodResponse)}, which must not be negative (are {PoorResponse} and {GoodResponse}).";
        }

        if (FrequencyWeight < 0 || ResponseWeight < 0 || TrendWeight < 0 || FrequencyWeight + ResponseWeight + TrendWeight <= 0)
        {
            return $"{SectionName}: the weights must not be negative and must not all be zero (are {FrequencyWeight}, {ResponseWeight}, {TrendWeight}).";
        }

        if (AlertBelow is < 0 or > 100)
        {
            return $"{SectionName}:{nameof(AlertBelow)} must be between 0 and 100 (is {AlertBelow}).";
        }

        return AlertOnDropOf is < 0 or > 100
            ? $"{SectionName}:{nameof(AlertOnDropOf)} must be between 0 and 100 (is {AlertOnDropOf})."
            : null;
    }
}
