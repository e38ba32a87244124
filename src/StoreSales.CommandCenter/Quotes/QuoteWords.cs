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

    public static string RoleKey(string role) => role switch
    {
        ChainRoles.SalesDirector => "QuoteRoleDirector",
        ChainRoles.Legal => "QuoteRoleLegal",
        ChainRoles.Finance => "QuoteRoleFinance",
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
