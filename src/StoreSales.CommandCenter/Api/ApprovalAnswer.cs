using System.Text.Json;
using StoreSales.CommandCenter.Approvals;
using StoreSales.Data.Approvals;

namespace StoreSales.CommandCenter.Api;

/// <summary>An approval request as the API shows it to one viewer.</summary>
public sealed record ApprovalAnswer(
    long ApprovalId,
    string Kind,
    string SubjectId,
    string? CustomerId,
    string? DepartmentId,
    string? RegionId,
    decimal? Amount,
    IReadOnlyList<string> RequiredRoles,
    IReadOnlyList<string> Waiting,
    string Status,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset DueAt,
    bool Overdue,
    DateTimeOffset? DecidedAt,
    JsonElement Summary,
    IReadOnlyList<ApprovalDecisionAnswer> Decisions,
    IReadOnlyList<string> YourRoles)
{
    public static ApprovalAnswer Of(ApprovalView view)
    {
        var r = view.Request;
        using var summary = JsonDocument.Parse(r.SummaryJson);
        return new ApprovalAnswer(
            r.ApprovalId, r.Kind, r.SubjectId, r.CustomerId, r.DepartmentId, r.RegionId, r.Amount, r.RequiredRoles, r.Waiting,
            ApprovalBook.StatusCode(r.Status), r.RequestedBy, r.RequestedAt, r.DueAt, view.IsOverdue, r.DecidedAt, summary.RootElement.Clone(),
            [.. r.Decisions.Select(d => new ApprovalDecisionAnswer(d.Role, d.DecidedBy, d.Approve, d.Reason, d.At))],
            view.AwaitsMe ? view.OpenRoles : []);
    }
}

/// <summary>One role's decision, with who, when and why.</summary>
public sealed record ApprovalDecisionAnswer(string Role, string DecidedBy, bool Approve, string Reason, DateTimeOffset At);
