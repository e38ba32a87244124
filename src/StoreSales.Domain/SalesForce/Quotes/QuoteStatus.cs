namespace StoreSales.Domain.SalesForce.Quotes;

/// <summary>
/// Where a quote version stands (docs/domain.md "Quotes"): a draft is the rep's to change; submitted waits for its
/// approvers; approved and rejected are their decision; superseded when a newer version was made.
/// </summary>
public static class QuoteStatus
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Superseded = "superseded";
}
