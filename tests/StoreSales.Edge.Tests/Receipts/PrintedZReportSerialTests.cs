using StoreSales.Edge.Devices.Receipts;
using StoreSales.Edge.Simulator;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Receipts;

/// <summary>The simulator prints its Z at the day's end on a pseudo-terminal; the agent, reading receipts only, stores it with the outbox's Z reports.</summary>
public sealed class PrintedZReportSerialTests
{
    [Fact]
    public async Task The_printed_Z_reaches_the_outbox_behind_the_days_sales()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        var catalogPath = dir.File("items.csv");
        await File.WriteAllTextAsync(catalogPath, "gtin,name,unit_price\n6920433218190,Jasmine tea,3.50\n6993503056411,\"Rice, 5kg\",39.90\n", ct);

        await using var till = await SocatPair.StartAsync(dir.Path, "till", ct);     // the simulator needs a till port; this agent reads receipts only
        await using var receipts = await SocatPair.StartAsync(dir.Path, "receipt", ct);
        var settings = TestAgent.Settings(dir);
        settings["Terminals:0:TerminalId"] = "T01";
        settings["Terminals:0:ReceiptPort"] = receipts.AgentEnd;
        settings["Terminals:0:Receipt:Profile"] = "simulator";
        await using var agent = await TestAgent.StartAsync(settings);
        await Eventually.Holds(() => agent.Status.Device("T01", "receipt")!.Connected, "the receipt port to open", cancellationToken: ct);

        var output = new StringWriter();
        var exit = await SimulatorApp.RunAsync(
            ["--catalog", catalogPath, "--terminal", $"T01={till.DeviceEnd}", "--receipt-printer", receipts.DeviceEnd, "--sales-per-minute", "600", "--count", "3", "--seed", "11", "--z-report"],
            output,
            output,
            ct);
        Assert.True(exit == 0, output.ToString());

        await Eventually.Holds(() => agent.Outbox.DayEnd.ReadAll().Count == 1, "the printed Z in the outbox", cancellationToken: ct);
        var sales = agent.Outbox.Queue.PeekOldest(10).Select(e => e.Sale).ToList();
        var (z, state, _) = Assert.Single(agent.Outbox.DayEnd.ReadAll());
        Assert.Equal(3, sales.Count);
        Assert.Equal(("T01", 3, sales.Sum(s => s.Total), 0m, 0, "pending"), (z.TerminalId, z.Count, z.Gross, z.Returns, z.Voids, state));
        Assert.Equal(sales.Sum(s => s.Total), z.Tenders.Sum(t => t.Amount));
        Assert.Equal(DateOnly.FromDateTime(sales[0].RungUpAt.DateTime), z.BusinessDay);
        Assert.Equal(sales[^1].Sequence, z.LastSequence);
        Assert.Equal(3L, EpochSequences.Number(z.LastSequence));
        Assert.Contains("day-end report (Z) sent and printed: 3 sales", output.ToString(), StringComparison.Ordinal);
        var counters = agent.Status.Device("T01", "receipt")!.Counters;
        Assert.Equal((3L, 1L, 0L), (counters[ReceiptCounters.Sales], counters[ReceiptCounters.ZReports], counters[ReceiptCounters.UnparsedReceipts]));
    }
}
