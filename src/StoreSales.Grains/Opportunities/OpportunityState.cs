namespace StoreSales.Grains.Opportunities;

/// <summary>
/// What an opportunity grain must remember across activations (state name <c>opportunity</c>): the idle episode whose
/// stalled alert it raised, so each episode is raised once. Everything else is read from PostgreSQL when the grain wakes.
/// </summary>
[GenerateSerializer]
public sealed class OpportunityState
{
    /// <summary>The last activity of the idle episode whose <c>opportunity-stalled</c> alert was raised.</summary>
    [Id(0)]
    public DateTimeOffset? StalledRaisedFor { get; set; }
}
