namespace StoreSales.Domain.Targets.Changes;

/// <summary>Why a target change or change request is refused (docs/domain.md "Sales targets"); the API names it as <c>rule</c>.</summary>
public enum TargetRefusal
{
    /// <summary>A target below zero.</summary>
    Negative = 0,

    /// <summary>More than two decimals: targets are kept to the cent.</summary>
    NotInCents = 1,

    /// <summary>A change request without a reason.</summary>
    ReasonMissing = 2,

    /// <summary>The month is frozen: only an approved change request changes it now.</summary>
    Frozen = 3,

    /// <summary>The month is not frozen yet: edit the target directly instead of asking.</summary>
    NotFrozen = 4,

    /// <summary>Only the configured approver role decides change requests.</summary>
    NotApprover = 5,

    /// <summary>The requester cannot decide their own request.</summary>
    OwnRequest = 6,

    /// <summary>The request was already approved or rejected.</summary>
    AlreadyDecided = 7,

    /// <summary>A batch names the same target twice.</summary>
    Duplicate = 8,
}

/// <summary>A refusal with the request field it concerns and a sentence for the person.</summary>
public sealed record TargetRefused(TargetRefusal Refusal, string Field, string Reason)
{
    /// <summary>The rule's name in problem details and metrics (<c>frozen</c>, <c>own-request</c> …).</summary>
    public string Rule => Refusal switch
    {
        TargetRefusal.Negative => "negative-target",
        TargetRefusal.NotInCents => "not-in-cents",
        TargetRefusal.ReasonMissing => "reason-required",
        TargetRefusal.Frozen => "frozen",
        TargetRefusal.NotFrozen => "not-frozen",
        TargetRefusal.NotApprover => "not-approver",
        TargetRefusal.OwnRequest => "own-request",
        TargetRefusal.AlreadyDecided => "already-decided",
        TargetRefusal.Duplicate => "duplicate-target",
        _ => throw new ArgumentOutOfRangeException(nameof(Refusal), Refusal, null),
    };
}

/// <summary>
/// The rules of changing a target (docs/domain.md "Sales targets"): amounts, reasons, the freeze, and who decides a
/// change request. Pure: the caller passes the moment the month freezes and the time now.
/// </summary>
public static class TargetChangeRule
{
    /// <summary>The amount of a target as set: at least zero, in cents.</summary>
    public static TargetRefused? CheckAmount(decimal amount, string field = "amount") =>
        amount < 0 ? new TargetRefused(TargetRefusal.Negative, field, $"A target cannot be negative (is {amount}).")
        : decimal.Round(amount, 2) != amount ? new TargetRefused(TargetRefusal.NotInCents, field, $"A target is kept to the cent (is {amount}).")
        : null;

    /// <summary>A direct edit (or a calibration): allowed until the month freezes for the subject.</summary>
    public static TargetRefused? CheckEdit(decimal amount, DateTimeOffset freezesAt, DateTimeOffset now, string field = "amount") =>
        CheckAmount(amount, field)
        ?? (now >= freezesAt
            ? new TargetRefused(TargetRefusal.Frozen, "month", $"The month's targets froze at {freezesAt:yyyy-MM-dd HH:mm zzz} (Targets:Freeze:FreezeDay); ask for the change with a change request.")
            : null);

    /// <summary>A change request: for a frozen month only (before, the target is edited directly), with a reason.</summary>
    public static TargetRefused? CheckRequest(decimal amount, string? reason, DateTimeOffset freezesAt, DateTimeOffset now) =>
        CheckAmount(amount)
        ?? (string.IsNullOrWhiteSpace(reason) ? new TargetRefused(TargetRefusal.ReasonMissing, "reason", "A change request says why the target should change.")
        : now < freezesAt ? new TargetRefused(TargetRefusal.NotFrozen, "month", $"The month is open until {freezesAt:yyyy-MM-dd HH:mm zzz}: change the target directly.")
        : null);

    /// <summary>
    /// Who decides a change request: a person holding <paramref name="approverRole"/> (Targets:Freeze:ApproverRole) other
    /// than the requester, while it is pending.
    /// </summary>
    public static TargetRefused? CheckDecision(string requestedBy, bool pending, string decider, IReadOnlySet<string> deciderRoles, string approverRole) =>
        !deciderRoles.Contains(approverRole) ? new TargetRefused(TargetRefusal.NotApprover, "role", $"Change requests are decided by the role '{approverRole}' (Targets:Freeze:ApproverRole).")
        : string.Equals(requestedBy, decider, StringComparison.Ordinal) ? new TargetRefused(TargetRefusal.OwnRequest, "decidedBy", "The requester cannot decide their own change request.")
        : !pending ? new TargetRefused(TargetRefusal.AlreadyDecided, "requestId", "The change request was already decided.")
        : null;
}
