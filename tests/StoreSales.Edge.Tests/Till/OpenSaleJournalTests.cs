using StoreSales.Edge.Devices.Till;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Till;

/// <summary>A sale in progress survives the agent stopping between its lines: the till does not resend.</summary>
public sealed class OpenSaleJournalTests
{
    [Fact]
    public async Task A_sale_interrupted_by_an_agent_restart_completes_with_all_its_lines()
    {
        using var dir = new TempDirectory();
        await using var pair = await SocatPair.StartAsync(dir.Path, "till", TestContext.Current.CancellationToken);
        var settings = TestAgent.Settings(dir);
        settings["Terminals:0:TerminalId"] = "T01";
        settings["Terminals:0:TillPort"] = pair.AgentEnd;

        await using (var first = await TestAgent.StartAsync(settings))
        {
            await Eventually.Until(() => first.Status.Device("T01", "till")!.Connected, "the till port to open");
            using var till = pair.OpenDevice();
            await till.WriteChunkedAsync(
                "S|sale|R-2001|2025-06-01T10:15:30+08:00|C07||\nL|6920433218190|2|3.50|0|7.00\n",
                chunkSize: 64,
                TestContext.Current.CancellationToken);
            await Eventually.Until(() => first.Outbox.Read("T01").Count == 2, "both lines journaled");
        }

        await using var second = await TestAgent.StartAsync(settings);
        await Eventually.Until(() => second.Status.Device("T01", "till")!.Connected, "the till port to reopen");
        using (var till = pair.OpenDevice())
        {
            await till.WriteChunkedAsync("L|6970013389086|1|4.00|0|4.00\nT|11.00|cash:11.00\n", chunkSize: 64, TestContext.Current.CancellationToken);
        }

        await Eventually.Until(() => second.Outbox.Depth == 1, "the resumed sale in the outbox");
        var sale = Assert.Single(second.Outbox.PeekOldest(10)).Sale;
        Assert.Equal("R-2001", sale.ReceiptNumber);
        Assert.Equal(["6920433218190", "6970013389086"], sale.Lines.Select(l => l.ItemCode));
        Assert.Equal(11.00m, sale.Total);
        Assert.Empty(second.Outbox.Read("T01"));
        Assert.Equal(0, second.Status.Device("T01", "till")![TillCounters.Malformed]);
    }
}
