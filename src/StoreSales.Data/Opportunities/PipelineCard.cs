using StoreSales.Domain.SalesForce.Opportunities;

namespace StoreSales.Data.Opportunities;

/// <summary>One opportunity on a pipeline: what the card shows, and its age judged by <see cref="OpportunityAgeing"/> at the moment read.</summary>
public sealed record PipelineCard(
    string OpportunityId,
    string Title,
    string CustomerId,
    string CustomerName,
    string OwnerRepId,
    string DepartmentId,
    string ProductLine,
    decimal Amount,
    string Currency,
    string Stage,
    int StageIndex,
    DateTimeOffset StageEnteredAt,
    DateTimeOffset LastActivityAt,
    AgeingColour Colour,
    TimeSpan Idle,
    bool ApprovalPending,
    string? OwnerStoreId,
    string? RegionId,
    string? Outcome = null)
{
    /// <summary>Won or lost: shown apart from the open stages.</summary>
    public bool Closed => Outcome is not null;
}
