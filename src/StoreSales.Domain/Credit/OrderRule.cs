namespace StoreSales.Domain.Credit;

/// <summary>One line of a B2B order as the caller sends it.</summary>
public sealed record OrderLineDraft(string? ItemId, decimal? Quantity, decimal? UnitPrice);

/// <summary>One line as checked.</summary>
public sealed record OrderLine(string ItemId, decimal Quantity, decimal UnitPrice)
{
    public decimal Amount => decimal.Round(Quantity * UnitPrice, 2, MidpointRounding.AwayFromZero);
}

/// <summary>An order as checked: its id (the caller's, what makes sending it again harmless), customer and lines.</summary>
public sealed record OrderDraft(string OrderId, string CustomerId, IReadOnlyList<OrderLine> Lines)
{
    public decimal Amount => Lines.Sum(l => l.Amount);
}

/// <summary>
/// The shape of a B2B order (docs/domain.md "Credit hold"): the caller's order id (at most 64 characters, no spaces),
/// a customer, one to <see cref="OrderOptions.MaxLines"/> lines each with an item, a quantity above zero and a unit price
/// not below zero, and an amount above zero. Pure.
/// </summary>
public static class OrderRule
{
    public static (OrderDraft? Order, IReadOnlyDictionary<string, string[]> Errors) Check(
        string? orderId, string? customerId, IReadOnlyList<OrderLineDraft>? lines, OrderOptions options)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var id = orderId?.Trim();
        if (string.IsNullOrEmpty(id) || id.Length > CreditDocuments.MaxDocumentNoLength || id.Any(char.IsWhiteSpace))
        {
            errors["orderId"] = [$"Required: the order's own id, at most {CreditDocuments.MaxDocumentNoLength} characters, without spaces."];
        }

        if (string.IsNullOrWhiteSpace(customerId))
        {
            errors["customerId"] = ["Required."];
        }

        var checkedLines = new List<OrderLine>();
        if (lines is null || lines.Count == 0)
        {
            errors["lines"] = ["At least one line."];
        }
        else if (lines.Count > options.MaxLines)
        {
            errors["lines"] = [$"At most {options.MaxLines} lines (Orders:MaxLines)."];
        }
        else
        {
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                if (string.IsNullOrWhiteSpace(line?.ItemId))
                {
                    errors[$"lines[{i}].itemId"] = ["Required."];
                }
                else if (line.Quantity is not > 0)
                {
                    errors[$"lines[{i}].quantity"] = ["Must be above 0."];
                }
                else if (line.UnitPrice is not >= 0 || line.UnitPrice > CreditDocuments.MaxAmount)
                {
                    errors[$"lines[{i}].unitPrice"] = ["Must be 0 or more."];
                }
                else
                {
                    checkedLines.Add(new OrderLine(line.ItemId.Trim(), line.Quantity.Value, line.UnitPrice.Value));
                }
            }
        }

        if (errors.Count == 0)
        {
            var amount = checkedLines.Sum(l => l.Amount);
            if (amount <= 0 || amount > CreditDocuments.MaxAmount)
            {
                errors["lines"] = ["The order's amount must be above 0."];
            }
        }

        return errors.Count > 0 ? (null, errors) : (new OrderDraft(id!, customerId!.Trim(), checkedLines), errors);
    }
}
