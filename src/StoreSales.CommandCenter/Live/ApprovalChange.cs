using System.Collections.Immutable;
using StoreSales.Domain.Access;

namespace StoreSales.CommandCenter.Live;

/// <summary>
/// An approval request was filed, decided by one role, decided, or withdrawn (PostgreSQL's <c>approval_changed</c>
/// notice, sent at commit by migration 0395's triggers). It carries what decides who may hear it and nothing of the
/// summary: an inbox re-reads its scoped list. <see cref="ApprovalId"/> 0 with <see cref="Status"/> <c>resync</c>: this
/// host's listener was reconnected and may have missed changes, so every open inbox reads again. <see cref="SubjectId"/>
/// and <see cref="CustomerId"/> (migration 0410) tell a quote page, order list or credit panel the change is theirs.
/// </summary>
public sealed record ApprovalChange(
    long ApprovalId,
    string Kind,
    string Status,
    ImmutableArray<string> RequiredRoles,
    string? RegionId,
    string? DepartmentId,
    string RequestedBy,
    string? SubjectId = null,
    string? CustomerId = null)
{
    public const string ResyncStatus = "resync";

    public static readonly ApprovalChange Resync = new(0, "", ResyncStatus, [], null, null, "");

    public bool IsResync => Status == ResyncStatus;

    public ApprovalScope Scope => new(RequiredRoles, RegionId, DepartmentId, RequestedBy);
}

/// <summary>What a hub client hears: which request, of which kind, now in which state; re-read it through the API.</summary>
public sealed record ApprovalChangeNotice(long ApprovalId, string Kind, string Status);
