using StoreSales.Edge.Devices.Till;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Till;

/// <summary>A sale in progress survives the agent stopping between its lines: the till does not resend.</summary>
public sealed class OpenSaleJournalTests
{
    /// <summary>The sale's first lines (journaled before the restart) and the rest, per form: the journal keeps the line as the till sent it.</summary>
    private static readonly Dictionary<string, (string Before, string After)> Sale = new()
    {
        ["pipe"] = ("S|sale|R-2001|2025-06-01T10:15:30+08:00|C07||\nL|6920433218190|2|3.50|0|7.00\n", "L|6970013389086|1|4.00|0|4.00\nT|11.00|cash:11.00\n"),
        ["json"] = (
            """{"type":"start","kind":"sale","receiptNo":"R-2001","time":"2025-06-01T10:15:30+08:00","cashierId":"C07"}""" + "\n" +
            """{"type":"line","itemCode":"6920433218190","quantity":2,"unitPrice":3.50,"discount":0,"amount":7.00}""" + "\n",
            """{"type":"line","itemCode":"6970013389086","quantity":1,"unitPrice":4.00,"discount":0,"amount":4.00}""" + "\n" +
            """{"type":"total","total":11.00,"tenders":[{"method":"cash","amount":11.00}]}""" + "\n"),
        ["mixed"] = (
            """{"type":"start","kind":"sale","receiptNo":"R-2001","time":"2025-06-01T10:15:30+08:00","cashierId":"C07"}""" + "\n" +
            "L|6920433218190|2|3.50|0|7.00\n",
            """{"type":"line","itemCode":"6970013389086","quantity":1,"unitPrice":4.00,"discount":0,"amount":4.00}""" + "\n" +
            "T|11.00|cash:11.00\n"),
    };

    [Theory]
    [InlineData("pipe")]
    [InlineData("json")]
    [InlineData("mixed")]
    public async Task A_sale_interrupted_by_an_agent_restart_completes_with_all_its_lines(string form)
    {
        using var dir = new TempDirectory();
        await using var pair = await SocatPair.StartAsync(dir.Path, "till", TestContext.Current.CancellationToken);
        var settings = TestAgent.Settings(dir);
        settings["Terminals:0:TerminalId"] = "T01";
        settings["Terminals:0:TillPort"] = pair.AgentEnd;

        await using (var first = await TestAgent.StartAsync(settings))
        {
            await Eventually.Holds(() => first.Status.Device("T01", "till")!.Connected, "the till port to open", cancellationToken: TestContext.Current.CancellationToken);
            using var till = pair.OpenDevice();
            await till.WriteChunkedAsync(Sale[form].Before, chunkSize: 64, TestContext.Current.CancellationToken);
            await Eventually.Holds(() => first.Outbox.Journal.Read("T01").Count == 2, "both lines journaled", cancellationToken: TestContext.Current.CancellationToken);
        }

        await using var second = await TestAgent.StartAsync(settings);
        await Eventually.Holds(() => second.Status.Device("T01", "till")!.Connected, "the till port to reopen", cancellationToken: TestContext.Current.CancellationToken);
        using (var till = pair.OpenDevice())
        {
            await till.WriteChunkedAsync(Sale[form].After, chunkSize: 64, TestContext.Current.CancellationToken);
        }

        await Eventually.Holds(() => second.Outbox.Queue.Depth == 1, "the resumed sale in the outbox", cancellationToken: TestContext.Current.CancellationToken);
        var sale = Assert.Single(second.Outbox.Queue.PeekOldest(10)).Sale;
        Assert.Equal("R-2001", sale.ReceiptNumber);
        Assert.Equal(["6920433218190", "6970013389086"], sale.Lines.Select(l => l.ItemCode));
        Assert.Equal(11.00m, sale.Total);
        Assert.Empty(second.Outbox.Journal.Read("T01"));
        Assert.Equal(0, second.Status.Device("T01", "till")![TillCounters.Malformed]);
    }
}
