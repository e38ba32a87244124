namespace StoreSales.Domain.ContractToCash;

/// <summary>A contract line as the ERP, a page or a CSV row gives it: item, description, quantity, unit price and perhaps its amount.</summary>
public sealed record ContractLineInput(string? Item, string? Description, decimal? Quantity, decimal? UnitPrice, decimal? Amount);

/// <summary>
/// A contract line as checked: its number (1, 2, … in the order given), item, description, quantity, unit price, its
/// net amount (quantity × unit price to the cent) and its share of the contract's tax and gross.
/// </summary>
public sealed record ContractLineDraft(int LineNo, string Item, string? Description, decimal Quantity, decimal UnitPrice, decimal Net, decimal Tax, decimal Gross);

/// <summary>
/// The lines of a contract (docs/domain.md "Contract to cash", "Contract lines"): each the item's quantity at its unit
/// price, the contract's net their sum; the tax is shared line by line at the contract's rate, the rounding remainder on
/// the last line so the lines add up to the contract exactly. A line's part of what is due by a day is the contract's
/// due so far in the proportion of the line's gross. Pure.
/// </summary>
public static class ContractLines
{
    /// <summary>The checked lines' nets (before tax), or the errors keyed <c>lines[i].field</c>.</summary>
    public static (IReadOnlyList<(string Item, string? Description, decimal Quantity, decimal UnitPrice, decimal Net)> Lines, Dictionary<string, string[]> Errors) Check(
        IReadOnlyList<ContractLineInput> lines, int maxLines)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var checkedLines = new List<(string, string?, decimal, decimal, decimal)>(lines.Count);
        if (lines.Count > maxLines)
        {
            errors["lines"] = [$"At most {maxLines} lines (ContractToCash:MaxContractLines)."];
            return (checkedLines, errors);
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var at = $"lines[{i}].";
            var item = line.Item?.Trim();
            if (string.IsNullOrEmpty(item) || item.Length > 100)
            {
                errors[at + "item"] = ["Required, at most 100 characters (the item's code or name)."];
            }

            var description = string.IsNullOrWhiteSpace(line.Description) ? null : line.Description.Trim();
            if (description is { Length: > 200 })
            {
                errors[at + "description"] = ["At most 200 characters."];
            }

            if (line.Quantity is not { } quantity || quantity <= 0 || decimal.Round(quantity, 3) != quantity || quantity >= 100_000_000_000m)
            {
                errors[at + "quantity"] = ["Above 0, with at most three decimals."];
                continue;
            }

            if (line.UnitPrice is not { } price || price <= 0 || decimal.Round(price, 4) != price || price >= 1_000_000_000_000m)
            {
                errors[at + "unitPrice"] = ["Above 0, with at most four decimals."];
                continue;
            }

            var net = Amount(quantity, price);
            if (net <= 0)
            {
                errors[at + "unitPrice"] = ["Quantity × unit price comes to less than a cent."];
            }
            else if (line.Amount is { } amount && amount != net)
            {
                errors[at + "amount"] = [$"Must be quantity × unit price to the cent ({net:0.00}), or left out."];
            }
            else if (item is { Length: > 0 and <= 100 } && description is not { Length: > 200 })
            {
                checkedLines.Add((item, description, quantity, price, net));
            }
        }

        return (checkedLines, errors);
    }

    /// <summary>Quantity × unit price, rounded half away from zero to the cent.</summary>
    public static decimal Amount(decimal quantity, decimal unitPrice) => decimal.Round(quantity * unitPrice, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Numbers the lines and shares the contract's tax over them: each line its net × the rate to the cent, the last the
    /// remainder, so the lines' nets, taxes and grosses add up to <paramref name="money"/>. The nets must add up to its net.
    /// </summary>
    public static IReadOnlyList<ContractLineDraft> Priced(
        IReadOnlyList<(string Item, string? Description, decimal Quantity, decimal UnitPrice, decimal Net)> lines, ContractMoney money, decimal taxRate)
    {
        if (lines.Sum(l => l.Net) != money.Net)
        {
            throw new ArgumentException($"The lines add up to {lines.Sum(l => l.Net)}, the contract's net is {money.Net}.", nameof(lines));
        }

        var priced = new List<ContractLineDraft>(lines.Count);
        decimal taxSoFar = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var (item, description, quantity, price, net) = lines[i];
            var tax = i == lines.Count - 1 ? money.Tax - taxSoFar : decimal.Round(net * taxRate, 2, MidpointRounding.AwayFromZero);
            taxSoFar += tax;
            priced.Add(new ContractLineDraft(i + 1, item, description, quantity, price, net, tax, net + tax));
        }

        return priced;
    }

    /// <summary>A line's part of the contract's due so far: in the proportion of its gross, to the cent (zero for a contract of no gross).</summary>
    public static decimal DueShare(decimal contractDue, decimal lineGross, decimal contractGross) =>
        contractGross <= 0 ? 0 : decimal.Round(contractDue * lineGross / contractGross, 2, MidpointRounding.AwayFromZero);
}
