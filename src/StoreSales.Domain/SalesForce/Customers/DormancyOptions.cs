namespace StoreSales.Domain.SalesForce.Customers;

/// <summary>
/// Dormant customers (沉睡客户). Bound from configuration section <c>SalesForce:Dormancy</c>; keys and defaults in
/// docs/domain.md ("The sales force"). Days are calendar days in the chain's time zone (<see cref="ChainCalendar"/>).
/// </summary>
public sealed record DormancyOptions
{
    public const string SectionName = "SalesForce:Dormancy";

    /// <summary>Days without activity after which the owner is reminded to follow up. Default 30.</summary>
    public int FollowUpAfterDays { get; init; } = 30;

    /// <summary>Days without activity after which the customer is released to the public pool (公海). Default 45.</summary>
    public int ReleaseToPoolAfterDays { get; init; } = 45;

    /// <summary>Days without activity after which the customer is dormant and goes to the training pool. Default 180.</summary>
    public int DormantAfterDays { get; init; } = 180;

    /// <summary>
    /// The interactions that keep a customer active. Default <c>Call, Visit, Message</c>: a note is the rep's own
    /// record and no contact with the customer, and counting it would let a rep keep a customer out of the pool
    /// by writing notes.
    /// </summary>
    public InteractionKinds ActivityKinds { get; init; } = InteractionKinds.Call | InteractionKinds.Visit | InteractionKinds.Message;

    /// <summary>Whether a B2B account's purchase counts as activity. Default true: an account that orders is served.</summary>
    public bool PurchaseCountsForAccounts { get; init; } = true;

    /// <summary>
    /// Whether a member's purchase counts as activity. Default false: a member buying at the till by themselves
    /// is no sign the rep looks after them.
    /// </summary>
    public bool PurchaseCountsForMembers { get; init; }

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (FollowUpAfterDays < 1)
        {
            return $"{SectionName}:{nameof(FollowUpAfterDays)} must be at least 1 (is {FollowUpAfterDays}).";
        }

        if (ReleaseToPoolAfterDays <= FollowUpAfterDays)
        {
            return $"{SectionName}:{nameof(ReleaseToPoolAfterDays)} must be greater than {nameof(FollowUpAfterDays)} (is {ReleaseToPoolAfterDays}).";
        }

        if (DormantAfterDays <= ReleaseToPoolAfterDays)
        {
            return $"{SectionName}:{nameof(DormantAfterDays)} must be greater than {nameof(ReleaseToPoolAfterDays)} (is {DormantAfterDays}).";
        }

        return ActivityKinds == InteractionKinds.None || ActivityKinds.HasUnknownKinds()
            ? $"{SectionName}:{nameof(ActivityKinds)} must name at least one of Call, Visit, Message, Note and nothing else (is {ActivityKinds})."
            : null;
    }
}
