namespace StoreSales.Abstractions.Interventions;

/// <summary>
/// Keeps every alert and each of its steps in PostgreSQL, where the inbox lists them and attribution reads
/// them. Recording the same step twice has no further effect.
/// </summary>
public interface IInterventionJournal
{
    Task Record(Intervention intervention, CancellationToken cancellationToken);
}
