namespace StoreSales.Domain.SalesForce.Quotes;

/// <summary>What a version's lines and validity must be before they are priced (docs/domain.md "Quotes"). Pure.</summary>
public static class QuoteLineRule
{
    /// <summary>The first problem with the lines and validity, or null. <paramref name="today"/> is the chain's date.</summary>
    public static QuoteRefused? Check(IReadOnlyList<QuoteLineInput> lines, DateOnly validUntil, DateOnly today, QuotesOptions options)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(options);
        if (lines.Count == 0)
        {
            return new QuoteRefused(QuoteRefused.InvalidLine, "lines", "A quote needs at least one line.");
        }

        if (lines.Count > options.MaxLines)
        {
            return new QuoteRefused(QuoteRefused.InvalidLine, "lines", $"A quote carries at most {options.MaxLines} lines (Quotes:MaxLines); this one has {lines.Count}.");
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Quantity is < 1 or > 1_000_000)
            {
                return new QuoteRefused(QuoteRefused.InvalidLine, $"lines[{i}].quantity", $"Line {i + 1}: the quantity must be between 1 and 1,000,000 (is {line.Quantity}).");
            }

            if (line.DiscountPercent is < 0m or >= 100m || decimal.Round(line.DiscountPercent, 2) != line.DiscountPercent)
            {
                return new QuoteRefused(QuoteRefused.InvalidLine, $"lines[{i}].discountPercent", $"Line {i + 1}: the discount is a percent from 0 to below 100 with at most two decimals (is {line.DiscountPercent}).");
            }

            if (lines.Take(i).Any(l => string.Equals(l.ItemCode, line.ItemCode, StringComparison.Ordinal)))
            {
                return new QuoteRefused(QuoteRefused.InvalidLine, $"lines[{i}].itemCode", $"Line {i + 1}: item {line.ItemCode} is already on line {lines.Take(i).ToList().FindIndex(l => l.ItemCode == line.ItemCode) + 1}; change its quantity instead.");
            }
        }

        if (validUntil < today)
        {
            return new QuoteRefused(QuoteRefused.InvalidLine, "validUntil", $"The validity ({validUntil:yyyy-MM-dd}) is already past.");
        }

        return validUntil > today.AddDays(options.MaxValidityDays)
            ? new QuoteRefused(QuoteRefused.InvalidLine, "validUntil", $"A quote is valid for at most {options.MaxValidityDays} days (Quotes:MaxValidityDays): until {today.AddDays(options.MaxValidityDays):yyyy-MM-dd} at the latest.")
            : null;
    }
}
