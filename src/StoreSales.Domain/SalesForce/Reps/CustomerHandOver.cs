namespace StoreSales.Domain.SalesForce.Reps;

/// <summary>One customer's hand-over when its rep leaves.</summary>
/// <param name="CustomerId">The customer handed over.</param>
/// <param name="DepartingRepId">The rep who is leaving.</param>
/// <param name="DepartureStartedAt">When the departure was started; the hand-over is due from here.</param>
/// <param name="Stage">The customer's current stage as the departing rep marked it; null or blank while unmarked.</param>
/// <param name="NotesIncluded">How many of the customer's last interaction notes are in the hand-over.</param>
/// <param name="NotesAvailable">How many interaction notes the customer has at all.</param>
/// <param name="Successors">The reps chosen to take the customer over.</param>
/// <param name="HandedOverAt">When the hand-over was completed, or null while it is open.</param>
public sealed record CustomerHandOver(
    string CustomerId,
    string DepartingRepId,
    DateTimeOffset DepartureStartedAt,
    string? Stage,
    int NotesIncluded,
    int NotesAvailable,
    IReadOnlyList<string> Successors,
    DateTimeOffset? HandedOverAt = null);
