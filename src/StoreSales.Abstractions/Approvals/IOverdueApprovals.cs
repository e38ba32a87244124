using System.Collections.Immutable;

namespace StoreSales.Abstractions.Approvals;

/// <summary>A pending approval request past its due time whose overdue intervention has not been raised yet.</summary>
public sealed record OverdueApproval(
    long ApprovalId,
    string Kind,
    string SubjectId,
    string? CustomerId,
    string? RegionId,
    string? DepartmentId,
    decimal? Amount,
    ImmutableArray<string> Waiting,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset DueAt);

/// <summary>The approval requests the overdue check escalates (PostgreSQL; docs/domain.md "Approvals"), each once.</summary>
public interface IOverdueApprovals
{
    /// <summary>Pending requests due at or before <paramref name="now"/> not yet escalated, oldest due first.</summary>
    Task<IReadOnlyList<OverdueApproval>> Unraised(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Keeps that the request's intervention was raised, so no later check raises it again.</summary>
    Task MarkRaised(long approvalId, DateTimeOffset at, CancellationToken cancellationToken);
}
