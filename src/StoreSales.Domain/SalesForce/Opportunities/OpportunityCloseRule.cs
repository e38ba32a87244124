namespace StoreSales.Domain.SalesForce.Opportunities;

/// <summary>
/// Closing an opportunity (docs/domain.md "Opportunities", "Closing"): <b>won</b> only from its path's last stage or a
/// stage of <see cref="OpportunityOptions.WonFrom"/>, and not while a contract entry waits for its approval; <b>lost</b>
/// from any open stage with a reason (a pending contract entry is then withdrawn). A closed opportunity stays closed.
/// Checked in this order: unknown outcome, closed, reason, won's stage, won while awaiting approval. Pure.
/// </summary>
public static class OpportunityCloseRule
{
    public const string Won = "won";
    public const string Lost = "lost";

    public static OpportunityCloseVerdict Decide(OpportunityPath path, string currentStage, bool closed, bool approvalPending, string? outcome, string? reason, OpportunityOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        if (outcome is not (Won or Lost))
        {
            return OpportunityCloseVerdict.Refused(OpportunityCloseVerdict.UnknownOutcome, "outcome", $"outcome must be '{Won}' or '{Lost}' (is '{outcome}').");
        }

        if (closed)
        {
            return OpportunityCloseVerdict.Refused(OpportunityCloseVerdict.AlreadyClosed, "outcome", "The opportunity is already closed (won or lost).");
        }

        var trimmed = reason?.Trim() ?? "";
        if (outcome == Lost && trimmed.Length == 0)
        {
            return OpportunityCloseVerdict.Refused(OpportunityCloseVerdict.ReasonRequired, "reason", "A lost opportunity needs its reason (why the customer did not buy).");
        }

        if (trimmed.Length > options.CloseReasonMaxLength)
        {
            return OpportunityCloseVerdict.Refused(OpportunityCloseVerdict.ReasonTooLong, "reason", $"The reason is at most {options.CloseReasonMaxLength} characters (is {trimmed.Length}).");
        }

        if (outcome == Won)
        {
            var last = path.Stages[^1].Name;
            if (!string.Equals(currentStage, last, StringComparison.Ordinal) && !options.WonFrom.Contains(currentStage, StringComparer.Ordinal))
            {
                var from = string.Join(", ", options.WonFrom.Append(last).Distinct(StringComparer.Ordinal));
                return OpportunityCloseVerdict.Refused(OpportunityCloseVerdict.NotWinnableStage, "outcome", $"An opportunity is won from {from} ({OpportunityOptions.SectionName}:{nameof(OpportunityOptions.WonFrom)}); this one is in {currentStage}.");
            }

            if (approvalPending)
            {
                return OpportunityCloseVerdict.Refused(OpportunityCloseVerdict.AwaitingApproval, "outcome", "The contract entry waits for the sales director's decision.");
            }
        }

        return new OpportunityCloseVerdict(null, null, null, trimmed.Length == 0 ? null : trimmed);
    }
}

/// <summary>A close's verdict: allowed (with the reason as kept), or refused with its rule, field and sentence.</summary>
public sealed record OpportunityCloseVerdict(string? Rule, string? Field, string? Reason, string? KeptReason)
{
    public const string UnknownOutcome = "unknown-outcome";
    public const string AlreadyClosed = "closed";
    public const string ReasonRequired = "reason-required";
    public const string ReasonTooLong = "reason-too-long";
    public const string NotWinnableStage = "not-winnable-stage";
    public const string AwaitingApproval = "awaiting-approval";

    public bool Allowed => Rule is null;

    public static OpportunityCloseVerdict Refused(string rule, string field, string reason) => new(rule, field, reason, null);
}
