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

    /// <summary>Requests whose overdue intervention was raised and which are no longer pending, not yet resolved, oldest first.</summary>
    Task<IReadOnlyList<SettledOverdueApproval>> SettledUnresolved(int limit, CancellationToken cancellationToken);

    /// <summary>Keeps that the request's overdue intervention was resolved, so no later check resolves it again.</summary>
    Task MarkResolved(long approvalId, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>
/// An escalated request that was decided or withdrawn since: its <c>approval-overdue</c> alert is resolved with an outcome
/// naming how (<see cref="DecidedBy"/> and <see cref="Reason"/> are the decision that settled it; none when withdrawn).
/// </summary>
public sealed record SettledOverdueApproval(
    long ApprovalId,
    string Kind,
    string SubjectId,
    string Status,
    DateTimeOffset SettledAt,
    string? DecidedBy,
    string? Role,
    string? Reason);
