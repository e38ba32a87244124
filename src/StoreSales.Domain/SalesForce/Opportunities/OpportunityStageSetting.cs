namespace StoreSales.Domain.SalesForce.Opportunities;

/// <summary>
/// One stage of a product line's path as configured (<c>Opportunities:ProductLines:{line}:{n}</c>): its name, the
/// documents that must be uploaded in it before the opportunity moves on, and its own ageing limits when they differ
/// from <see cref="OpportunityOptions.YellowAfter"/> and <see cref="OpportunityOptions.StalledAfter"/>.
/// </summary>
public sealed class OpportunityStageSetting
{
    public string Name { get; set; } = "";

    /// <summary>The required documents' names (e.g. <c>needs-confirmation-sheet</c>); none by default.</summary>
    public List<string> Evidence { get; set; } = [];

    /// <summary>No activity for this long in the stage: yellow on the pipeline. Null: <see cref="OpportunityOptions.YellowAfter"/>.</summary>
    public TimeSpan? YellowAfter { get; set; }

    /// <summary>No activity for this long: stalled, an intervention for the supervisor. Null: <see cref="OpportunityOptions.StalledAfter"/>.</summary>
    public TimeSpan? StalledAfter { get; set; }
}
