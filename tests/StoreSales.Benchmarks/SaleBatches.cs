using StoreSales.Contracts.Ingest;
using StoreSales.Data.Demo;
using StoreSales.Testing;

namespace StoreSales.Benchmarks;

/// <summary>Realistic sales of 10 lines from the demo catalog.</summary>
internal sealed class SaleBatches
{
    private readonly (string Code, string Name, decimal Price)[] _items =
        DemoChainSeeder.ReadItems(RepositoryPaths.DemoItems).ToArray();

    public SaleRecord Sale(string terminal, long sequence, Random random, int lines = 10)
    {
        var now = DateTimeOffset.UtcNow;
        var saleLines = Enumerable.Range(1, lines).Select(n =>
        {
            var item = _items[random.Next(_items.Length)];
            var quantity = random.Next(1, 4);
            return new SaleLineRecord { LineNumber = n, ItemCode = item.Code, Quantity = quantity, UnitPrice = item.Price, Amount = quantity * item.Price };
        }).ToList();
        var total = saleLines.Sum(l => l.Amount);
        return new SaleRecord
        {
            TerminalId = terminal,
            Sequence = sequence,
            Kind = SaleKinds.Sale,
            RungUpAt = now,
            CapturedAt = now,
            CashierId = "C1",
            Total = total,
            Lines = saleLines,
            Tenders = [new TenderRecord { Method = "wechat", Amount = total }],
        };
    }
}
