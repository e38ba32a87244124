using System.Globalization;
using StoreSales.Domain.Alerts;

namespace StoreSales.Domain.Approvals;

/// <summary>
/// When an approval request is overdue and who is told (docs/domain.md "Approvals"): a request still pending at or past
/// its due time raises one <c>approval-overdue</c> intervention, high, for the field supervisor of its region (the
/// sales team's region), or for HQ when it names no region (a chain-wide quote or order). From there the intervention
/// lifecycle escalates it level by level like any other alert. Once the request is decided or withdrawn, the alert is
/// resolved by the overdue check with an outcome naming the decision (<see cref="Outcome"/>): nobody has to close it by hand.
/// </summary>
public static class ApprovalOverdueRule
{
    public const AlertSeverity Severity = AlertSeverity.High;

    public static bool IsOverdue(ApprovalStatus status, DateTimeOffset dueAt, DateTimeOffset now) =>
        status == ApprovalStatus.Pending && now >= dueAt;

    /// <summary>The assignee of the request's overdue intervention.</summary>
    public static string Assignee(string? regionId) =>
        regionId is { Length: > 0 } region ? AlertRoute.RegionSupervisor.Assignee(region) : AlertNames.Hq;

    /// <summary>The actor a self-resolved alert names in its history.</summary>
    public const string ResolvedBy = "approvals";

    /// <summary>
    /// The outcome an overdue alert is resolved with once its request is settled: which request, how (approved, rejected,
    /// withdrawn), when, and by whom in which role with their reason. English, like every alert's evidence.
    /// </summary>
    public static string Outcome(long approvalId, string kind, string subjectId, string status, DateTimeOffset settledAt, string? decidedBy, string? role, string? reason)
    {
        var at = settledAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var by = decidedBy is { Length: > 0 } ? $" by {decidedBy}{(role is { Length: > 0 } ? $" ({role})" : "")}" : "";
        var why = reason is { Length: > 0 } ? $": \u201c{reason}\u201d" : "";
        return $"Approval {approvalId.ToString(CultureInfo.InvariantCulture)} ({kind} {subjectId}) was {status}{by} at {at} UTC{why}.";
    }
}
