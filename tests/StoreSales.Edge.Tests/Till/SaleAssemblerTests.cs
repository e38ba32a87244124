using StoreSales.Contracts.Ingest;
using StoreSales.Edge.Devices.Till;

namespace StoreSales.Edge.Tests.Till;

public sealed class SaleAssemblerTests
{
    private static readonly DateTimeOffset RungUp = new(2025, 6, 1, 10, 0, 0, TimeSpan.FromHours(8));

    private static TillSaleStart Start(string receipt) => new(SaleKinds.Sale, receipt, RungUp, "C1", null, null);

    [Fact]
    public void S_L_T_makes_a_sale_with_numbered_lines_and_the_agent_capture_time()
    {
        var now = new DateTimeOffset(2025, 6, 1, 2, 0, 5, TimeSpan.Zero);
        var assembler = new SaleAssembler("T01", new FixedTime(now));

        Assert.Equal(TillLineOutcome.Started, assembler.Accept(Start("R1")).Outcome);
        Assert.Equal(TillLineOutcome.LineAdded, assembler.Accept(new TillSaleLine("A", 1, 2.00m, 0, 2.00m)).Outcome);
        Assert.Equal(TillLineOutcome.LineAdded, assembler.Accept(new TillSaleLine("B", 2, 1.50m, 0, 3.00m)).Outcome);
        var result = assembler.Accept(new TillSaleTotal(5.00m, [new TenderRecord { Method = "cash", Amount = 5.00m }]));

        Assert.Equal(TillLineOutcome.Completed, result.Outcome);
        Assert.False(result.TotalMismatch);
        var sale = result.Sale!;
        Assert.Equal("T01", sale.TerminalId);
        Assert.Equal(0, sale.Sequence);
        Assert.Equal("R1", sale.ReceiptNumber);
        Assert.Equal(RungUp, sale.RungUpAt);
        Assert.Equal(now, sale.CapturedAt);
        Assert.Equal([1, 2], sale.Lines.Select(l => l.LineNumber));
        Assert.Equal(5.00m, sale.Total);
        Assert.False(assembler.HasOpenSale);
    }

    [Fact]
    public void A_new_S_abandons_the_open_sale()
    {
        var assembler = new SaleAssembler("T01", TimeProvider.System);
        assembler.Accept(Start("R1"));
        assembler.Accept(new TillSaleLine("A", 1, 2.00m, 0, 2.00m));

        var result = assembler.Accept(Start("R2"));

        Assert.Equal(TillLineOutcome.AbandonedAndStarted, result.Outcome);
        Assert.Equal("R1", result.Abandoned!.ReceiptNumber);
        var done = assembler.Accept(new TillSaleTotal(0m, []));
        Assert.Equal("R2", done.Sale!.ReceiptNumber);
        Assert.Empty(done.Sale.Lines);
    }

    [Fact]
    public void L_or_T_without_S_is_refused()
    {
        var assembler = new SaleAssembler("T01", TimeProvider.System);
        Assert.Equal(TillLineOutcome.NoOpenSale, assembler.Accept(new TillSaleLine("A", 1, 2.00m, 0, 2.00m)).Outcome);
        Assert.Equal(TillLineOutcome.NoOpenSale, assembler.Accept(new TillSaleTotal(2.00m, [])).Outcome);
    }

    [Fact]
    public void A_total_that_differs_from_the_lines_is_kept_and_flagged()
    {
        var assembler = new SaleAssembler("T01", TimeProvider.System);
        assembler.Accept(Start("R1"));
        assembler.Accept(new TillSaleLine("A", 1, 2.00m, 0, 2.00m));
        var result = assembler.Accept(new TillSaleTotal(2.50m, []));
        Assert.True(result.TotalMismatch);
        Assert.Equal(2.50m, result.Sale!.Total);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
