using System.Collections.Immutable;

namespace StoreSales.Domain.SalesForce.Reps;

/// <summary>A customer's hand-over at one moment.</summary>
/// <param name="Status">Where it stands.</param>
/// <param name="DueAt">When it is due; the grain's reminder fires then.</param>
/// <param name="Gaps">What it still lacks; empty when it can be completed.</param>
public sealed record HandOverState(HandOverStatus Status, DateTimeOffset DueAt, ImmutableArray<HandOverGap> Gaps)
{
    /// <summary>The condition of the hand-over-overdue alert.</summary>
    public bool IsOverdue => Status == HandOverStatus.Overdue;
}
