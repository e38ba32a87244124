namespace StoreSales.Domain.SalesForce.Quotes;

/// <summary>One line as the rep asks for it: an item at its list price, a quantity and a discount in percent.</summary>
public sealed record QuoteLineInput(string ItemCode, string ItemName, int Quantity, decimal ListPrice, decimal DiscountPercent, decimal? UnitCost = null);

/// <summary>A line with its net amount to the cent.</summary>
public sealed record PricedQuoteLine(int LineNo, string ItemCode, string ItemName, int Quantity, decimal ListPrice, decimal DiscountPercent, decimal? UnitCost, decimal ListAmount, decimal NetAmount);

/// <summary>A version's figures: its lines, list and net totals, the deepest discount, and the margin where every cost is known.</summary>
public sealed record QuoteFigures(IReadOnlyList<PricedQuoteLine> Lines, decimal ListTotal, decimal NetTotal, decimal DeepestDiscount, decimal? CostTotal)
{
    /// <summary>The quote's discount off list over all its lines, in percent to two places (0 for an empty quote).</summary>
    public decimal OverallDiscount => ListTotal == 0m ? 0m : Math.Round((ListTotal - NetTotal) / ListTotal * 100m, 2, MidpointRounding.AwayFromZero);

    /// <summary>Net total less cost, when every line's cost is known; null = margin unknown.</summary>
    public decimal? Margin => CostTotal is { } cost ? NetTotal - cost : null;

    /// <summary>The margin as a percent of the net total, to two places; null when unknown or the net total is 0.</summary>
    public decimal? MarginPercent => Margin is { } margin && NetTotal != 0m ? Math.Round(margin / NetTotal * 100m, 2, MidpointRounding.AwayFromZero) : null;
}

/// <summary>
/// A quote's totals to the cent (docs/domain.md "Quotes"): each line's net is quantity × list price × (1 − discount),
/// rounded half away from zero to the cent; the totals are the sums of the rounded lines, so the printed lines always add
/// up to the printed total. Pure.
/// </summary>
public static class QuoteTotals
{
    public static QuoteFigures Of(IReadOnlyList<QuoteLineInput> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var priced = lines.Select((l, i) => new PricedQuoteLine(
            i + 1, l.ItemCode, l.ItemName, l.Quantity, l.ListPrice, l.DiscountPercent, l.UnitCost,
            Cents(l.Quantity * l.ListPrice),
            Cents(l.Quantity * l.ListPrice * (100m - l.DiscountPercent) / 100m))).ToList();
        var cost = priced.All(l => l.UnitCost is not null) ? priced.Sum(l => Cents(l.Quantity * l.UnitCost!.Value)) : (decimal?)null;
        return new QuoteFigures(
            priced,
            priced.Sum(l => l.ListAmount),
            priced.Sum(l => l.NetAmount),
            priced.Count == 0 ? 0m : priced.Max(l => l.DiscountPercent),
            priced.Count == 0 ? null : cost);
    }

    private static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
