namespace StoreSales.Abstractions.Opportunities;

/// <summary>Reads an opportunity's facts from PostgreSQL (the source of truth) for its grain; null when there is none.</summary>
public interface IOpportunityFactsReader
{
    Task<OpportunityFacts?> Read(string opportunityId, CancellationToken cancellationToken);
}
