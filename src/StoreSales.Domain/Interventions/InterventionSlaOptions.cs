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
}
