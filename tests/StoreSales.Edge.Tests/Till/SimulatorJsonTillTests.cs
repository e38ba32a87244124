using StoreSales.Edge.Devices.Till;
using StoreSales.Edge.Simulator;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Till;

/// <summary>The simulator's JSON-lines till (<c>--till-format</c>) against the agent's parser and, over a pty, the agent.</summary>
public sealed class SimulatorJsonTillTests
{
    private static readonly CatalogItem[] Items =
    [
        new("6920433218190", "Jasmine tea", 3.50m),
        new("6993503056411", "Rice, 5kg", 39.90m),
        new("6969407816185", "Cola", 3.00m),
    ];

    [Fact]
    public void Every_simulated_line_reads_as_the_same_record_in_either_form()
    {
        var generator = new SaleGenerator(Items, "T01", new Random(11));
        for (var i = 0; i < 200; i++)
        {
            foreach (var step in generator.Next(DateTimeOffset.Now).Steps)
            {
                Assert.True(TillLineParser.TryParse(step.TillLine, out var fromPipe, out var error), error);
                var json = TillJsonLine.FromPipe(step.TillLine);
                Assert.True(TillLineParser.TryParse(json, out var fromJson, out error), $"{error}: {json}");
                Assert.Equal(Describe(fromPipe!), Describe(fromJson!));
            }
        }
    }

    [Theory]
    [InlineData("json")]
    [InlineData("mixed")]
    public async Task Simulated_sales_in_JSON_lines_arrive_whole_in_the_outbox(string format)
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        var catalog = dir.File("items.csv");
        await File.WriteAllLinesAsync(catalog, ["gtin,name,unit_price", .. Items.Select(i => $"{i.Gtin},{i.Name},{i.UnitPrice}")], ct);
        await using var pair = await SocatPair.StartAsync(dir.Path, "till", ct);
        var settings = TestAgent.Settings(dir);
        settings["Terminals:0:TerminalId"] = "T01";
        settings["Terminals:0:TillPort"] = pair.AgentEnd;
        await using var agent = await TestAgent.StartAsync(settings);
        await Eventually.Holds(() => agent.Status.Device("T01", "till")!.Connected, "the till port to open", cancellationToken: TestContext.Current.CancellationToken);

        var output = new StringWriter();
        var exit = await SimulatorApp.RunAsync(
            ["--catalog", catalog, "--terminal", $"T01={pair.DeviceEnd}", "--sales-per-minute", "6000", "--count", "5", "--seed", "3", "--till-format", format],
            output,
            output,
            ct);
        Assert.True(exit == 0, output.ToString());

        await Eventually.Holds(() => agent.Outbox.Queue.Depth == 5, "five sales in the outbox", cancellationToken: TestContext.Current.CancellationToken);
        var sales = agent.Outbox.Queue.PeekOldest(10).Select(e => e.Sale).ToList();
        Assert.All(sales, sale =>
        {
            Assert.NotEmpty(sale.Lines);
            Assert.Equal(sale.Total, sale.Lines.Sum(l => l.Amount));
            Assert.Equal(sale.Total, sale.Tenders.Sum(t => t.Amount));
            Assert.Contains(sale.ReceiptNumber!, output.ToString(), StringComparison.Ordinal);
        });
        Assert.Equal(0, agent.Status.Device("T01", "till")![TillCounters.Malformed]);
    }

    /// <summary>A record as comparable text (a total's tender list is compared by content, not reference).</summary>
    private static string Describe(TillLine line) => line is TillSaleTotal total
        ? $"T {total.Total} {string.Join(',', total.Tenders.Select(t => $"{t.Method}:{t.Amount}"))}"
        : line.ToString();
}
