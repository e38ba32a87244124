using StoreSales.Contracts.Ingest;

namespace StoreSales.Testing;

/// <summary>Sales as a till would ring them up, for tests that post to the ingest API.</summary>
public static class SaleFactory
{
    public static SaleRecord Sale(string terminal, long sequence, DateTimeOffset at, params (string Item, decimal Quantity, decimal UnitPrice)[] lines)
    {
        var saleLines = lines
            .Select((l, i) => new SaleLineRecord { LineNumber = i + 1, ItemCode = l.Item, Quantity = l.Quantity, UnitPrice = l.UnitPrice, Amount = l.Quantity * l.UnitPrice })
            .ToList();
        var total = saleLines.Sum(l => l.Amount);
        return new SaleRecord
        {
            TerminalId = terminal,
            Sequence = sequence,
            Kind = SaleKinds.Sale,
            ReceiptNumber = $"R{sequence:D6}",
            RungUpAt = at,
            CapturedAt = at,
            CashierId = "C01",
            Total = total,
            Lines = saleLines,
            Tenders = [new TenderRecord { Method = "cash", Amount = total }],
        };
    }
}
