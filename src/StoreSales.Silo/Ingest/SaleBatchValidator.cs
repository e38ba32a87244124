using StoreSales.Contracts.Ingest;

namespace StoreSales.Silo.Ingest;

/// <summary>
/// Checks a batch before anything is written. Each problem is keyed by the JSON path of the field at fault
/// (e.g. <c>sales[2].lines[0].quantity</c>), as RFC 7807 validation problem details carry it back to the agent.
/// </summary>
public static class SaleBatchValidator
{
    private const int MaxIdLength = 64;

    public static Dictionary<string, string[]> Validate(SaleBatch batch, IngestOptions options)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Fail(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        if (batch.Sales is null || batch.Sales.Count == 0)
        {
            Fail("sales", "A batch must contain at least one sale.");
        }
        else if (batch.Sales.Count > options.MaxSalesPerBatch)
        {
            Fail("sales", $"A batch may contain at most {options.MaxSalesPerBatch} sales; this one has {batch.Sales.Count}.");
        }
        else
        {
            var seen = new HashSet<(string, long)>();
            for (var i = 0; i < batch.Sales.Count; i++)
            {
                var path = $"sales[{i}]";
                var sale = batch.Sales[i];
                if (sale is null)
                {
                    Fail(path, "A sale must not be null.");
                    continue;
                }

                ValidateSale(sale, path, options, Fail);
                if (!string.IsNullOrEmpty(sale.TerminalId) && !seen.Add((sale.TerminalId, sale.Sequence)))
                {
                    Fail($"{path}.sequence", $"Terminal '{sale.TerminalId}' sequence {sale.Sequence} appears twice in this batch.");
                }
            }
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    private static void ValidateSale(SaleRecord sale, string path, IngestOptions options, Action<string, string> fail)
    {
        if (!StoreRequests.IsIdentifier(sale.TerminalId))
        {
            fail($"{path}.terminalId", StoreRequests.IdentifierRule);
        }

        if (sale.Sequence <= 0)
        {
            fail($"{path}.sequence", "Must be a positive number assigned by the edge agent.");
        }

        if (!SaleKinds.IsKnown(sale.Kind))
        {
            fail($"{path}.kind", $"Must be '{SaleKinds.Sale}', '{SaleKinds.Return}' or '{SaleKinds.Void}'; was '{sale.Kind}'.");
        }

        if (sale.RungUpAt == default)
        {
            fail($"{path}.rungUpAt", "Required: when the till rang the sale up.");
        }

        if (sale.CapturedAt == default)
        {
            fail($"{path}.capturedAt", "Required: when the edge agent captured the sale.");
        }

        if (sale.Lines is null || sale.Lines.Count == 0)
        {
            fail($"{path}.lines", "A sale must have at least one line.");
        }
        else if (sale.Lines.Count > options.MaxLinesPerSale)
        {
            fail($"{path}.lines", $"A sale may have at most {options.MaxLinesPerSale} lines.");
        }
        else
        {
            var numbers = new HashSet<int>();
            for (var j = 0; j < sale.Lines.Count; j++)
            {
                var linePath = $"{path}.lines[{j}]";
                var line = sale.Lines[j];
                if (line is null)
                {
                    fail(linePath, "A line must not be null.");
                    continue;
                }

                if (!numbers.Add(line.LineNumber))
                {
                    fail($"{linePath}.lineNumber", $"Line number {line.LineNumber} appears twice in this sale.");
                }

                if (string.IsNullOrWhiteSpace(line.ItemCode) || line.ItemCode.Length > MaxIdLength)
                {
                    fail($"{linePath}.itemCode", $"Required: a GTIN or SKU of at most {MaxIdLength} characters.");
                }

                if (line.Quantity == 0)
                {
                    fail($"{linePath}.quantity", "Must not be zero.");
                }

                if (line.UnitPrice < 0)
                {
                    fail($"{linePath}.unitPrice", "Must not be negative; a return is a negative quantity.");
                }
            }
        }

        if (sale.Tenders is not null)
        {
            for (var j = 0; j < sale.Tenders.Count; j++)
            {
                if (sale.Tenders[j] is null || string.IsNullOrWhiteSpace(sale.Tenders[j].Method))
                {
                    fail($"{path}.tenders[{j}].method", "Required: how the customer paid.");
                }
            }
        }
    }
}
