using StoreSales.Domain.Approvals;

namespace StoreSales.Data.Approvals;

/// <summary>One required role's decision as kept.</summary>
public sealed record ApprovalDecision(string Role, string DecidedBy, bool Approve, string Reason, DateTimeOffset At);

/// <summary>An approval request as it stands, with the decisions made so far.</summary>
public sealed record ApprovalRequest(
    long ApprovalId,
    string Kind,
    string SubjectId,
    string? CustomerId,
    string? DepartmentId,
    string? RegionId,
    decimal? Amount,
    IReadOnlyList<string> RequiredRoles,
    string SummaryJson,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset DueAt,
    ApprovalStatus Status,
    DateTimeOffset? DecidedAt,
    IReadOnlyList<ApprovalDecision> Decisions)
{
    /// <summary>The roles still to decide.</summary>
    public IReadOnlyList<string> Waiting => ApprovalRule.Waiting(RequiredRoles, Votes);

    public IReadOnlyList<ApprovalVote> Votes => [.. Decisions.Select(d => new ApprovalVote(d.Role, d.Approve))];
}

/// <summary>
/// What a kind's code asks for when it files a request. <see cref="DueAt"/> null: due after its kind's SLA
/// (<c>Approvals:Sla</c>), the one place every kind's SLA is decided; a kind passes a time only for a reason of its own.
/// </summary>
public sealed record NewApprovalRequest(
    string Kind,
    string SubjectId,
    IReadOnlyList<string> RequiredRoles,
    string RequestedBy,
    DateTimeOffset? DueAt,
    string? CustomerId = null,
    string? DepartmentId = null,
    string? RegionId = null,
    decimal? Amount = null,
    string SummaryJson = "{}");
