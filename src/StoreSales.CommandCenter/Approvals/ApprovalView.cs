using StoreSales.Data.Approvals;
using StoreSales.Domain.Access;
using StoreSales.Domain.Approvals;

namespace StoreSales.CommandCenter.Approvals;

/// <summary>
/// A request as one viewer sees it: the request, the roles they may decide it in (their required roles within scope)
/// and of those the ones still waiting; whether it is theirs (they asked for it) and overdue at <see cref="Now"/>.
/// </summary>
public sealed record ApprovalView(ApprovalRequest Request, IReadOnlySet<string> DecidingRoles, IReadOnlyList<string> OpenRoles, bool IsOwn, DateTimeOffset Now)
{
    /// <summary>Whether the viewer has a decision to make here: pending, not their own, a role of theirs still open.</summary>
    public bool AwaitsMe => Request.Status == ApprovalStatus.Pending && !IsOwn && OpenRoles.Count > 0;

    public bool IsOverdue => ApprovalOverdueRule.IsOverdue(Request.Status, Request.DueAt, Now);

    public static ApprovalView Of(ApprovalRequest request, ViewerScope viewer, string viewerName, DateTimeOffset now)
    {
        var deciding = ApprovalAccessRule.DecidingRoles(viewer, ScopeOf(request));
        return new ApprovalView(
            request,
            deciding,
            [.. request.Waiting.Where(deciding.Contains)],
            string.Equals(request.RequestedBy, viewerName, StringComparison.Ordinal),
            now);
    }

    public static ApprovalScope ScopeOf(ApprovalRequest request) =>
        new(request.RequiredRoles, request.RegionId, request.DepartmentId, request.RequestedBy);
}
