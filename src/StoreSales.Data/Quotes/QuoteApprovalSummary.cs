using System.Globalization;
using System.Text.Json;
using StoreSales.Domain.SalesForce.Quotes;

namespace StoreSales.Data.Quotes;

/// <summary>
/// What the approver of a quote is shown beside the request (approval_request.summary): the quote and opportunity, the
/// customer, every line with its discount, the totals, the deepest and overall discount, the tier, and the margin
/// (net less cost) when every item's cost is known, else <c>"margin": null</c> with <c>"marginKnown": false</c>.
/// </summary>
public static class QuoteApprovalSummary
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    public static string Json(QuoteVersionView quote)
    {
        var figures = quote.Figures;
        return JsonSerializer.Serialize(
            new
            {
                quoteNumber = quote.QuoteNumber,
                version = quote.Version,
                opportunityId = quote.Opportunity.OpportunityId,
                opportunityTitle = quote.Opportunity.Title,
                customerId = quote.Opportunity.CustomerId,
                customerName = quote.CustomerName,
                ownerRepId = quote.Opportunity.OwnerRepId,
                repLevel = quote.RepLevel,
                tier = QuoteTierRule.Code(quote.Tier),
                currency = quote.Currency,
                validUntil = quote.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                listTotal = quote.ListTotal,
                netTotal = quote.NetTotal,
                deepestDiscountPercent = quote.DeepestDiscount,
                overallDiscountPercent = figures.OverallDiscount,
                marginKnown = figures.Margin is not null,
                margin = figures.Margin,
                marginPercent = figures.MarginPercent,
                lines = quote.Lines.Select(l => new
                {
                    itemCode = l.ItemCode,
                    itemName = l.ItemName,
                    quantity = l.Quantity,
                    listPrice = l.ListPrice,
                    discountPercent = l.DiscountPercent,
                    netAmount = l.NetAmount,
                    unitCost = l.UnitCost,
                }),
            },
            WebJson);
    }
}
