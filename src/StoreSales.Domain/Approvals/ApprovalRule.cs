namespace StoreSales.Domain.Approvals;

/// <summary>Why a decision on an approval request is refused; the API names it as <c>rule</c>.</summary>
public enum ApprovalRefusal
{
    /// <summary>The request is no longer pending (approved, rejected or withdrawn).</summary>
    AlreadyDecided = 0,

    /// <summary>The person asked for it: nobody approves their own request.</summary>
    OwnRequest = 1,

    /// <summary>The person holds none of the roles the request still waits for.</summary>
    NotApprover = 2,

    /// <summary>Every role the person holds has already decided this request.</summary>
    RoleAlreadyDecided = 3,

    /// <summary>A decision without a reason: every decision is kept with one.</summary>
    ReasonMissing = 4,
}

/// <summary>A refusal with a sentence for the person.</summary>
public sealed record ApprovalRefused(ApprovalRefusal Refusal, string Reason)
{
    /// <summary>The rule's name in problem details and metrics.</summary>
    public string Rule => Refusal switch
    {
        ApprovalRefusal.AlreadyDecided => "already-decided",
        ApprovalRefusal.OwnRequest => "own-request",
        ApprovalRefusal.NotApprover => "not-approver",
        ApprovalRefusal.RoleAlreadyDecided => "role-already-decided",
        ApprovalRefusal.ReasonMissing => "reason-required",
        _ => throw new ArgumentOutOfRangeException(nameof(Refusal), Refusal, null),
    };
}

/// <summary>A decision one required role has made.</summary>
public sealed record ApprovalVote(string Role, bool Approve);

/// <summary>Where a request stands.</summary>
public enum ApprovalStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
    Withdrawn = 3,
}

/// <summary>
/// The one rule of deciding an approval request (docs/domain.md "Approvals"): every required role decides once, in any
/// order; one rejection rejects; the request is approved when every required role has approved. Nobody decides their
/// own request, and a decision carries a reason. Pure: the caller passes what is stored.
/// </summary>
public static class ApprovalRule
{
    /// <summary>
    /// The role <paramref name="decider"/> decides in, or why they may not: the first of <paramref name="deciderRoles"/>
    /// (in the request's order) that the request requires and that has not decided yet.
    /// </summary>
    public static (string? Role, ApprovalRefused? Refused) CheckDecision(
        ApprovalStatus status,
        string requestedBy,
        IReadOnlyList<string> requiredRoles,
        IReadOnlyCollection<ApprovalVote> votes,
        string decider,
        IReadOnlySet<string> deciderRoles,
        string? reason)
    {
        if (status != ApprovalStatus.Pending)
        {
            return (null, new ApprovalRefused(ApprovalRefusal.AlreadyDecided, $"The request is already {status.ToString().ToLowerInvariant()}."));
        }

        if (string.Equals(requestedBy, decider, StringComparison.Ordinal))
        {
            return (null, new ApprovalRefused(ApprovalRefusal.OwnRequest, "Nobody approves their own request."));
        }

        var held = requiredRoles.Where(deciderRoles.Contains).ToList();
        if (held.Count == 0)
        {
            return (null, new ApprovalRefused(ApprovalRefusal.NotApprover, $"The request waits for {string.Join(" and ", requiredRoles)}."));
        }

        var open = held.FirstOrDefault(role => !votes.Any(v => string.Equals(v.Role, role, StringComparison.Ordinal)));
        if (open is null)
        {
            return (null, new ApprovalRefused(ApprovalRefusal.RoleAlreadyDecided, $"{string.Join(" and ", held)} has already decided this request."));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return (null, new ApprovalRefused(ApprovalRefusal.ReasonMissing, "Every decision is kept with its reason."));
        }

        return (open, null);
    }

    /// <summary>The status after <paramref name="votes"/>: rejected by any rejection, approved when every required role approved.</summary>
    public static ApprovalStatus StatusAfter(IReadOnlyList<string> requiredRoles, IReadOnlyCollection<ApprovalVote> votes) =>
        votes.Any(v => !v.Approve) ? ApprovalStatus.Rejected
        : requiredRoles.All(role => votes.Any(v => v.Approve && string.Equals(v.Role, role, StringComparison.Ordinal))) ? ApprovalStatus.Approved
        : ApprovalStatus.Pending;

    /// <summary>The roles still to decide.</summary>
    public static IReadOnlyList<string> Waiting(IReadOnlyList<string> requiredRoles, IReadOnlyCollection<ApprovalVote> votes) =>
        [.. requiredRoles.Where(role => !votes.Any(v => string.Equals(v.Role, role, StringComparison.Ordinal)))];
}
