using StoreSales.Data.Approvals;
using StoreSales.Data.Quotes;
using StoreSales.Domain.SalesForce.Quotes;

namespace StoreSales.CommandCenter.Quotes;

/// <summary>A quote version as the API answers it to someone who may see it.</summary>
public sealed record QuoteAnswer(
    string QuoteNumber,
    int Version,
    int LatestVersion,
    string OpportunityId,
    string CustomerId,
    string CustomerName,
    string Currency,
    IReadOnlyList<QuoteLineAnswer> Lines,
    decimal ListTotal,
    decimal NetTotal,
    decimal DeepestDiscountPercent,
    decimal OverallDiscountPercent,
    string ValidUntil,
    string RepLevel,
    string Tier,
    IReadOnlyList<string> RequiredRoles,
    string Status,
    string VerificationCode,
    string VerifyUrl,
    string DocumentSha256,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string? SubmittedBy,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? DecidedAt,
    QuoteApprovalAnswer? Approval)
{
    public static QuoteAnswer Of(QuoteVersionView quote, string verifyUrl) => new(
        quote.QuoteNumber, quote.Version, quote.LatestVersion, quote.Opportunity.OpportunityId, quote.Opportunity.CustomerId, quote.CustomerName,
        quote.Currency, [.. quote.Lines.Select(QuoteLineAnswer.Of)], quote.ListTotal, quote.NetTotal, quote.DeepestDiscount, quote.Figures.OverallDiscount,
        quote.ValidUntil.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), quote.RepLevel, QuoteTierRule.Code(quote.Tier),
        QuoteTierRule.RequiredRoles(quote.Tier), quote.Status, quote.VerificationCode, verifyUrl, quote.DocumentHash, quote.CreatedBy, quote.CreatedAt,
        quote.SubmittedBy, quote.SubmittedAt, quote.DecidedAt, quote.Approval is { } approval ? QuoteApprovalAnswer.Of(approval) : null);
}

public sealed record QuoteLineAnswer(int LineNo, string ItemCode, string ItemName, int Quantity, decimal ListPrice, decimal DiscountPercent, decimal NetAmount)
{
    public static QuoteLineAnswer Of(PricedQuoteLine line) => new(line.LineNo, line.ItemCode, line.ItemName, line.Quantity, line.ListPrice, line.DiscountPercent, line.NetAmount);
}

/// <summary>The quote's approval request: its status, who it still waits for, and every decision with its reason.</summary>
public sealed record QuoteApprovalAnswer(long ApprovalId, string Status, IReadOnlyList<string> Waiting, DateTimeOffset DueAt, IReadOnlyList<QuoteDecisionAnswer> Decisions)
{
    public static QuoteApprovalAnswer Of(ApprovalRequest request) => new(
        request.ApprovalId, ApprovalBook.StatusCode(request.Status), request.Waiting, request.DueAt,
        [.. request.Decisions.Select(d => new QuoteDecisionAnswer(d.Role, d.DecidedBy, d.Approve, d.Reason, d.At))]);
}

public sealed record QuoteDecisionAnswer(string Role, string DecidedBy, bool Approve, string Reason, DateTimeOffset At);

/// <summary>
/// What the public verification page and API show of a verified version, and nothing else: customer, quote number and
/// version, total, validity, status, the approval chain (role, decision, date; no names, no reasons) and the document hash.
/// </summary>
public sealed record QuoteVerificationAnswer(
    string Verdict,
    string? CustomerName,
    string? QuoteNumber,
    int? Version,
    string? Currency,
    decimal? NetTotal,
    string? ValidUntil,
    string? Status,
    IReadOnlyList<QuoteChainStep>? ApprovalChain,
    string? DocumentSha256)
{
    public static QuoteVerificationAnswer Of(QuoteVerification verification)
    {
        var verdict = Code(verification.Verdict);
        if (verification.Quote is not { } quote)
        {
            return new QuoteVerificationAnswer(verdict, null, null, null, null, null, null, null, null, null);
        }

        return new QuoteVerificationAnswer(
            verdict, quote.CustomerName, quote.QuoteNumber, quote.Version, quote.Currency, quote.NetTotal,
            quote.ValidUntil.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), quote.Status, Chain(quote), quote.DocumentHash);
    }

    /// <summary>The chain as a customer sees it: the rep's own authority, or each required role's decision (pending while undecided).</summary>
    public static IReadOnlyList<QuoteChainStep> Chain(QuoteVersionView quote) =>
        quote.Tier == QuoteTier.Rep || quote.Approval is null
            ? quote.SubmittedAt is { } at ? [new QuoteChainStep("rep-authority", "approved", at)] : []
            : [.. quote.Approval.RequiredRoles.Select(role => quote.Approval.Decisions.FirstOrDefault(d => d.Role == role) is { } d
                ? new QuoteChainStep(role, d.Approve ? "approved" : "rejected", d.At)
                : new QuoteChainStep(role, quote.Approval.Status == Domain.Approvals.ApprovalStatus.Withdrawn ? "withdrawn" : "pending", null))];

    public static string Code(QuoteVerdict verdict) => verdict switch
    {
        QuoteVerdict.Verified => "verified",
        QuoteVerdict.Unknown => "unknown",
        QuoteVerdict.AlteredCode => "altered-code",
        QuoteVerdict.AlteredRecord => "altered-record",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };
}

public sealed record QuoteChainStep(string Role, string Decision, DateTimeOffset? At);

/// <summary>A version's lines and validity as asked for (create, new version, edit a draft).</summary>
public sealed record QuoteRequest(IReadOnlyList<QuoteLineRequest>? Lines, DateOnly? ValidUntil);
