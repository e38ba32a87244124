namespace StoreSales.Domain.Interventions;

/// <summary>
/// How long an alert may wait before it escalates to the next level. Bound from configuration section
/// <c>Interventions:Sla</c>. DOMAIN.md fixes no numbers; these defaults are the chain's to change.
/// </summary>
public sealed record InterventionSlaOptions
{
    public const string SectionName = "Interventions:Sla";

    /// <summary>An open alert nobody acknowledged escalates after this. Default 30 minutes.</summary>
    public TimeSpan AcknowledgeWithin { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>An alert not resolved this long after it was raised escalates. Default 4 hours.</summary>
    public TimeSpan ResolveWithin { get; init; } = TimeSpan.FromHours(4);

    /// <summary>This long before its SLA passes an alert is marked on the inbox as about to escalate. Default 10 minutes.</summary>
    public TimeSpan WarnBefore { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Describes the first invalid setting, or null.</summary>
    public string? Validate() =>
        AcknowledgeWithin <= TimeSpan.Zero || ResolveWithin <= TimeSpan.Zero
            ? $"{SectionName}: {nameof(AcknowledgeWithin)} and {nameof(ResolveWithin)} must be more than zero."
            : WarnBefore < TimeSpan.Zero || WarnBefore >= AcknowledgeWithin
                ? $"{SectionName}:{nameof(WarnBefore)} must be at least zero and less than {nameof(AcknowledgeWithin)} (is {WarnBefore})."
                : null;
}
