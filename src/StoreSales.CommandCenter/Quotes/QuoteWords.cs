using StoreSales.CommandCenter.Resources;
using StoreSales.Domain.Access;
using StoreSales.Domain.SalesForce.Quotes;

namespace StoreSales.CommandCenter.Quotes;

/// <summary>The resource keys of a quote's codes (status, tier, role, decision, verdict), for the pages and the PDF alike.</summary>
public static class QuoteWords
{
    public static string StatusKey(string status) => status switch
    {
        QuoteStatus.Draft => "QuoteStatusDraft",
        QuoteStatus.Submitted => "QuoteStatusSubmitted",
        QuoteStatus.Approved => "QuoteStatusApproved",
        QuoteStatus.Rejected => "QuoteStatusRejected",
        _ => "QuoteStatusSuperseded",
    };

    public static string TierKey(QuoteTier tier) => tier switch
    {
        QuoteTier.Rep => "QuoteTierRep",
        QuoteTier.Director => "QuoteTierDirector",
        _ => "QuoteTierLegalFinance",
    };

    /// <summary>An approver's role in the chain's own words (<see cref="CodeWords.RoleKey"/>); a step within the rep's authority has no approver.</summary>
    public static string RoleKey(string role) => role switch
    {
        ChainRoles.SalesDirector or ChainRoles.Legal or ChainRoles.Finance => CodeWords.RoleKey(role),
        _ => "QuoteRoleRepAuthority",
    };

    public static string DecisionKey(string decision) => decision switch
    {
        "approved" => "QuoteDecisionApproved",
        "rejected" => "QuoteDecisionRejected",
        "withdrawn" => "QuoteDecisionWithdrawn",
        _ => "QuoteDecisionPending",
    };

    public static string VerdictKey(QuoteVerdict verdict) => verdict switch
    {
        QuoteVerdict.Verified => "VerifyVerified",
        QuoteVerdict.AlteredCode => "VerifyAlteredCode",
        QuoteVerdict.AlteredRecord => "VerifyAlteredRecord",
        _ => "VerifyUnknown",
    };
}
