using System.Globalization;

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
            return QuoteRefused.Of(QuoteRefused.InvalidLine, QuoteRefusalCodes.NoLines, "lines", "A quote needs at least one line.");
        }

        if (lines.Count > options.MaxLines)
        {
            return QuoteRefused.Of(QuoteRefused.InvalidLine, QuoteRefusalCodes.TooManyLines, "lines", $"A quote carries at most {options.MaxLines} lines (Quotes:MaxLines); this one has {lines.Count}.", Text(options.MaxLines), Text(lines.Count));
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Quantity is < 1 or > 1_000_000)
            {
                return QuoteRefused.Of(QuoteRefused.InvalidLine, QuoteRefusalCodes.Quantity, $"lines[{i}].quantity", $"Line {i + 1}: the quantity must be between 1 and 1,000,000 (is {line.Quantity}).", Text(i + 1), Text(line.Quantity));
            }

            if (line.DiscountPercent is < 0m or >= 100m || decimal.Round(line.DiscountPercent, 2) != line.DiscountPercent)
            {
                return QuoteRefused.Of(QuoteRefused.InvalidLine, QuoteRefusalCodes.Discount, $"lines[{i}].discountPercent", $"Line {i + 1}: the discount is a percent from 0 to below 100 with at most two decimals (is {line.DiscountPercent}).", Text(i + 1), line.DiscountPercent.ToString(CultureInfo.InvariantCulture));
            }

            if (lines.Take(i).Any(l => string.Equals(l.ItemCode, line.ItemCode, StringComparison.Ordinal)))
            {
                var first = lines.Take(i).ToList().FindIndex(l => l.ItemCode == line.ItemCode) + 1;
                return QuoteRefused.Of(QuoteRefused.InvalidLine, QuoteRefusalCodes.DuplicateItem, $"lines[{i}].itemCode", $"Line {i + 1}: item {line.ItemCode} is already on line {first}; change its quantity instead.", Text(i + 1), line.ItemCode, Text(first));
            }
        }

        if (validUntil < today)
        {
            return QuoteRefused.Of(QuoteRefused.InvalidLine, QuoteRefusalCodes.ValidityPast, "validUntil", $"The validity ({Text(validUntil)}) is already past.", Text(validUntil));
        }

        return validUntil > today.AddDays(options.MaxValidityDays)
            ? QuoteRefused.Of(QuoteRefused.InvalidLine, QuoteRefusalCodes.ValidityTooLong, "validUntil", $"A quote is valid for at most {options.MaxValidityDays} days (Quotes:MaxValidityDays): until {Text(today.AddDays(options.MaxValidityDays))} at the latest.", Text(options.MaxValidityDays), Text(today.AddDays(options.MaxValidityDays)))
            : null;
    }

    /// <summary>A figure of a refusal as the API and every culture's sentence take it.</summary>
    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A date of a refusal, ISO (as the pages show validity).</summary>
    public static string Text(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
