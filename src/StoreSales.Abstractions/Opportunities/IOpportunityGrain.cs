namespace StoreSales.Abstractions.Opportunities;

/// <summary>
/// An opportunity's live state and ageing timer (docs/design.md, docs/domain.md "Opportunities"). Key: the opportunity id
/// (<c>opp-…</c>, never purely numeric). PostgreSQL stays the source of truth: the grain reads the facts when it wakes,
/// whenever the command center tells it something was committed (a move, evidence, an approval decided) and on every
/// reminder tick; it judges the age by <c>OpportunityAgeing</c> and raises <c>opportunity-stalled</c> once per idle episode.
/// </summary>
public interface IOpportunityGrain : IGrainWithStringKey
{
    /// <summary>Something was committed for the opportunity: re-read and re-judge.</summary>
    Task Changed();

    /// <summary>The facts and the age as the grain judges them now; null when there is no such opportunity.</summary>
    Task<OpportunityLive?> GetLive();
}
