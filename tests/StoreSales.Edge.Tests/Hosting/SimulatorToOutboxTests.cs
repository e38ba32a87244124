using System.Globalization;
using StoreSales.Edge.Devices.Scanner;
using StoreSales.Edge.Devices.Till;
using StoreSales.Edge.Simulator;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Hosting;

/// <summary>The simulator drives a till and a scanner over ptys; the agent in-process captures every sale.</summary>
public sealed class SimulatorToOutboxTests
{
    [Fact]
    public async Task Simulated_sales_arrive_whole_in_the_outbox()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        var catalogPath = dir.File("items.csv");
        await File.WriteAllTextAsync(
            catalogPath,
            "gtin,name,unit_price\n6920433218190,Jasmine tea,3.50\n6993503056411,\"Rice, 5kg\",39.90\n6969407816185,Cola,3.00\n12345678,bad gtin,1.00\n",
            ct);
        var prices = new Dictionary<string, decimal> { ["6920433218190"] = 3.50m, ["6993503056411"] = 39.90m, ["6969407816185"] = 3.00m };

        await using var till = await SocatPair.StartAsync(dir.Path, "till", ct);
        await using var scan = await SocatPair.StartAsync(dir.Path, "scan", ct);
        var settings = TestAgent.Settings(dir);
        settings["Terminals:0:TerminalId"] = "T01";
        settings["Terminals:0:TillPort"] = till.AgentEnd;
        settings["Terminals:0:ScannerPort"] = scan.AgentEnd;
        await using var agent = await TestAgent.StartAsync(settings);
        await Eventually.Holds(() => agent.Status.Snapshot().Devices.All(d => d.Connected), "both ports to open", cancellationToken: TestContext.Current.CancellationToken);

        var output = new StringWriter();
        var exit = await SimulatorApp.RunAsync(
            ["--catalog", catalogPath, "--terminal", $"T01={till.DeviceEnd},{scan.DeviceEnd}", "--sales-per-minute", "600", "--count", "3", "--seed", "7"],
            output,
            output,
            ct);
        Assert.True(exit == 0, output.ToString());
        Assert.Contains("'12345678' is not a valid GTIN", output.ToString(), StringComparison.Ordinal);

        await Eventually.Holds(() => agent.Outbox.Queue.Depth == 3, "three sales in the outbox", cancellationToken: TestContext.Current.CancellationToken);
        var sales = agent.Outbox.Queue.PeekOldest(10).Select(e => e.Sale).ToList();
        Assert.Equal([1L, 2L, 3L], sales.Select(s => EpochSequences.Number(s.Sequence)));
        foreach (var sale in sales)
        {
            Assert.InRange(sale.Lines.Count, 1, 3);
            Assert.Equal(sale.Total, sale.Lines.Sum(l => l.Amount));
            Assert.Equal(sale.Total, sale.Tenders.Sum(t => t.Amount));
            Assert.All(sale.Lines, l =>
            {
                Assert.Equal(prices[l.ItemCode], l.UnitPrice);
                Assert.InRange(l.Quantity, 1, 3);
                Assert.Equal(l.Quantity * l.UnitPrice - l.Discount, l.Amount);
            });
            Assert.Contains(sale.ReceiptNumber!, output.ToString(), StringComparison.Ordinal);
            Assert.Contains(sale.Total.ToString("0.00", CultureInfo.InvariantCulture), output.ToString(), StringComparison.Ordinal);
        }

        var lines = sales.Sum(s => s.Lines.Count);
        await Eventually.Holds(() => agent.Status.Device("T01", "scanner")![ScannerCounters.Scans] == lines, "one scan per line", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, agent.Status.Device("T01", "till")![TillCounters.Malformed]);
    }
}
