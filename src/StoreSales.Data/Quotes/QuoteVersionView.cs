using StoreSales.Data.Approvals;
using StoreSales.Domain.SalesForce.Quotes;

namespace StoreSales.Data.Quotes;

/// <summary>One quote version as stored, with its opportunity and its latest approval request (null when none was filed).</summary>
public sealed record QuoteVersionView(
    string QuoteNumber,
    int Version,
    int LatestVersion,
    QuoteOpportunity Opportunity,
    string CustomerName,
    string Currency,
    IReadOnlyList<PricedQuoteLine> Lines,
    decimal ListTotal,
    decimal NetTotal,
    decimal DeepestDiscount,
    DateOnly ValidUntil,
    string RepLevel,
    QuoteTier Tier,
    string Status,
    string VerificationCode,
    byte[] DocumentSha256,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string? SubmittedBy,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? DecidedAt,
    ApprovalRequest? Approval)
{
    /// <summary>The approval request's subject id of a version: <c>{quote number}/{version}</c>.</summary>
    public static string SubjectOf(string quoteNumber, int version) => $"{quoteNumber}/{version}";

    public string SubjectId => SubjectOf(QuoteNumber, Version);

    public string DocumentHash => QuoteSeal.Hex(DocumentSha256);

    /// <summary>The figures again from the stored lines (margin where every cost is known).</summary>
    public QuoteFigures Figures => QuoteTotals.Of([.. Lines.Select(l => new QuoteLineInput(l.ItemCode, l.ItemName, l.Quantity, l.ListPrice, l.DiscountPercent, l.UnitCost))]);

    /// <summary>What the version's seal is over, from the stored rows: an altered row no longer matches its code.</summary>
    public QuoteSealContent SealContent => new(QuoteNumber, Version, Opportunity.CustomerId, CustomerName, Currency, ValidUntil, Lines, ListTotal, NetTotal, CreatedAt);
}
