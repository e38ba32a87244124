using StoreSales.Domain.Alerts;

namespace StoreSales.Domain.Approvals;

/// <summary>
/// When an approval request is overdue and who is told (docs/domain.md "Approvals"): a request still pending at or past
/// its due time raises one <c>approval-overdue</c> intervention, high, for the field supervisor of its region (the
/// sales team's region), or for HQ when it names no region (a chain-wide quote or order). From there the intervention
/// lifecycle escalates it level by level like any other alert.
/// </summary>
public static class ApprovalOverdueRule
{
    public const AlertSeverity Severity = AlertSeverity.High;

    public static bool IsOverdue(ApprovalStatus status, DateTimeOffset dueAt, DateTimeOffset now) =>
        status == ApprovalStatus.Pending && now >= dueAt;

    /// <summary>The assignee of the request's overdue intervention.</summary>
    public static string Assignee(string? regionId) =>
        regionId is { Length: > 0 } region ? AlertRoute.RegionSupervisor.Assignee(region) : AlertNames.Hq;
}
