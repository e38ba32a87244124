using StoreSales.Edge.Devices.Till;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Till;

/// <summary>The agent in-process reading a till over a real pseudo-terminal pair.</summary>
public sealed class TillSerialTests
{
    private static async Task<(TempDirectory Dir, SocatPair Pair, TestAgent Agent)> StartAsync()
    {
        var dir = new TempDirectory();
        var pair = await SocatPair.StartAsync(dir.Path, "till", TestContext.Current.CancellationToken);
        var settings = TestAgent.Settings(dir);
        settings["Terminals:0:TerminalId"] = "T01";
        settings["Terminals:0:TillPort"] = pair.AgentEnd;
        var agent = await TestAgent.StartAsync(settings);
        await Eventually.Holds(() => agent.Status.Device("T01", "till")!.Connected, "the till port to open", cancellationToken: TestContext.Current.CancellationToken);
        return (dir, pair, agent);
    }

    /// <summary>The README's example sale in each form; the JSON one with a property this agent does not know and a numeric string.</summary>
    private static readonly Dictionary<string, string> ExampleSale = new()
    {
        ["pipe"] =
            "S|sale|R-1001|2025-06-01T10:15:30+08:00|C07|M555|R002\r\n" +
            "L|6920433218190|2|3.50|0|7.00\r\n" +
            "L|6993503056411|1|39.90|2.00|37.90\n" +
            "T|44.90|cash:40.00,wechat:4.90\n",
        ["json"] =
            """{"type":"start","kind":"sale","receiptNo":"R-1001","time":"2025-06-01T10:15:30+08:00","cashierId":"C07","memberId":"M555","repId":"R002","lane":4}""" + "\r\n" +
            """{"type":"line","itemCode":"6920433218190","quantity":2,"unitPrice":3.50,"discount":0,"amount":7.00}""" + "\n" +
            """{"type":"line","itemCode":"6993503056411","quantity":1,"unitPrice":"39.90","discount":2.00,"amount":37.90,"name":"Rice, 5kg"}""" + "\n" +
            """{"type":"total","total":44.90,"tenders":[{"method":"cash","amount":40.00},{"method":"wechat","amount":4.90}]}""" + "\n",
    };

    [Theory]
    [InlineData("pipe")]
    [InlineData("json")]
    public async Task A_sale_written_to_the_till_port_lands_in_the_outbox(string form)
    {
        var (dir, pair, agent) = await StartAsync();
        using var _ = dir;
        await using var __ = pair;
        await using var ___ = agent;
        using var till = pair.OpenDevice();

        await till.WriteChunkedAsync(ExampleSale[form], chunkSize: 7, TestContext.Current.CancellationToken);

        await AssertOnlyTheExampleSaleAsync(agent);
    }

    [Fact]
    public async Task Pipe_and_JSON_lines_from_the_same_till_make_one_stream_of_sales()
    {
        var (dir, pair, agent) = await StartAsync();
        using var _ = dir;
        await using var __ = pair;
        await using var ___ = agent;
        using var till = pair.OpenDevice();

        // A till whose firmware moved to JSON for some records only; a bad JSON line inside the sale is skipped.
        await till.WriteChunkedAsync(
            """{"type":"start","kind":"sale","receiptNo":"R-1001","time":"2025-06-01T10:15:30+08:00","cashierId":"C07","memberId":"M555","repId":"R002"}""" + "\n" +
            "L|6920433218190|2|3.50|0|7.00\n" +
            """{"type":"line","itemCode":"6969407816185","quantity":1}""" + "\n" +
            """{"type":"line","itemCode":"6993503056411","quantity":1,"unitPrice":39.90,"discount":2.00,"amount":37.90}""" + "\n" +
            "T|44.90|cash:40.00,wechat:4.90\n",
            chunkSize: 11,
            TestContext.Current.CancellationToken);

        await AssertOnlyTheExampleSaleAsync(agent, malformed: 1);

        // And the other way round: a pipe start closed by a JSON total.
        till.Write("S|return|R-1002|2025-06-01T10:20:00+08:00|C07||\n" + """{"type":"total","total":-7.00,"tenders":[{"method":"cash","amount":-7.00}]}""" + "\n");
        await Eventually.Holds(() => agent.Outbox.Queue.Depth == 2 && agent.Status.Device("T01", "till")![TillCounters.Sales] == 2, "the return in the outbox", cancellationToken: TestContext.Current.CancellationToken);
        var refund = agent.Outbox.Queue.PeekOldest(10)[1].Sale;
        Assert.Equal(("R-1002", "return", -7.00m, 2L), (refund.ReceiptNumber, refund.Kind, refund.Total, EpochSequences.Number(refund.Sequence)));
        Assert.Equal(1, agent.Status.Device("T01", "till")![TillCounters.TotalMismatches]);   // no lines, a total of -7.00: kept as said
    }

    /// <summary>The README's example sale, R-1001, whichever form carried it, and nothing else in the outbox.</summary>
    private static async Task AssertOnlyTheExampleSaleAsync(TestAgent agent, int malformed = 0)
    {
        // The counter moves just after the outbox write: wait for both.
        await Eventually.Holds(() => agent.Outbox.Queue.Depth == 1 && agent.Status.Device("T01", "till")![TillCounters.Sales] == 1, "one sale in the outbox", cancellationToken: TestContext.Current.CancellationToken);
        var sale = Assert.Single(agent.Outbox.Queue.PeekOldest(10)).Sale;
        Assert.Equal("T01", sale.TerminalId);
        Assert.Equal(1, EpochSequences.Number(sale.Sequence));
        Assert.Equal("sale", sale.Kind);
        Assert.Equal("R-1001", sale.ReceiptNumber);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 10, 15, 30, TimeSpan.FromHours(8)), sale.RungUpAt);
        Assert.Equal(("C07", "M555", "R002"), (sale.CashierId, sale.MemberId, sale.RepId));
        Assert.Equal(44.90m, sale.Total);
        Assert.Collection(
            sale.Lines,
            l => Assert.Equal((1, "6920433218190", 2m, 3.50m, 0m, 7.00m), (l.LineNumber, l.ItemCode, l.Quantity, l.UnitPrice, l.Discount, l.Amount)),
            l => Assert.Equal((2, "6993503056411", 1m, 39.90m, 2.00m, 37.90m), (l.LineNumber, l.ItemCode, l.Quantity, l.UnitPrice, l.Discount, l.Amount)));
        Assert.Equal([("cash", 40.00m), ("wechat", 4.90m)], sale.Tenders.Select(t => (t.Method, t.Amount)));
        Assert.InRange(sale.CapturedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));

        var device = agent.Status.Device("T01", "till")!;
        Assert.Equal(1, device[TillCounters.Sales]);
        Assert.Equal(malformed, device[TillCounters.Malformed]);
        Assert.Equal(0, device[TillCounters.TotalMismatches]);
    }

    [Fact]
    public async Task Garbage_is_counted_and_the_next_good_sale_still_lands()
    {
        var (dir, pair, agent) = await StartAsync();
        using var _ = dir;
        await using var __ = pair;
        await using var ___ = agent;
        using var till = pair.OpenDevice();

        till.Write("HELLO WORLD\n");                                              // unknown tag
        till.Write("L|6920433218190|1|3.50|0|3.50\n");                            // L without S
        till.Write("T|3.50|cash:3.50\n");                                         // T without S
        till.Write("S|sale|R1|yesterday|C1||\n");                                 // bad time
        till.Write(new string('Z', 5000) + "\n");                                 // over-long
        till.Write([0xFF, 0xFE, (byte)'S', (byte)'\n']);                          // not UTF-8
        till.Write("S|sale|R2|2025-06-01T10:00:00+08:00|C1||\n");                 // opened, then abandoned
        till.Write("L|6920433218190|1|3.50|0|3.50\n");
        till.Write("S|sale|R3|2025-06-01T10:01:00+08:00|C1||\n");                 // abandons R2
        till.Write("L|6920433218190|x|3.50|0|3.50\n");                            // bad number inside a sale
        till.Write("L|6969407816185|2|3.00|0|6.00\n");
        till.Write("T|6.00|alipay:6.00\n");

        await Eventually.Holds(() => agent.Outbox.Queue.Depth == 1 && agent.Status.Device("T01", "till")![TillCounters.Sales] == 1, "the good sale in the outbox", cancellationToken: TestContext.Current.CancellationToken);
        var sale = Assert.Single(agent.Outbox.Queue.PeekOldest(10)).Sale;
        Assert.Equal("R3", sale.ReceiptNumber);
        Assert.Equal(6.00m, sale.Total);
        Assert.Equal("6969407816185", Assert.Single(sale.Lines).ItemCode);

        var device = agent.Status.Device("T01", "till")!;
        Assert.Equal(7, device[TillCounters.Malformed]);
        Assert.Equal(1, device[TillCounters.Overlong]);
        Assert.Equal(2, device[TillCounters.NoOpenSale]);
        Assert.Equal(1, device[TillCounters.Abandoned]);
        Assert.Equal(1, device[TillCounters.Sales]);
        Assert.True(device.Connected);
    }

    [Fact]
    public async Task A_till_port_that_appears_late_is_picked_up_and_sequences_continue_after_a_restart()
    {
        using var dir = new TempDirectory();
        var settings = TestAgent.Settings(dir);
        settings["Terminals:0:TerminalId"] = "T07";
        settings["Terminals:0:TillPort"] = dir.File("till-agent");

        // First run: the port does not exist yet; the agent keeps trying instead of failing.
        await using (var agent = await TestAgent.StartAsync(settings))
        {
            await Eventually.Holds(() => agent.Status.Device("T07", "till")![TillCounters.PortFaults] >= 2, "failed attempts to open a missing port", cancellationToken: TestContext.Current.CancellationToken);
            await using var pair = await SocatPair.StartAsync(dir.Path, "till", TestContext.Current.CancellationToken);
            await Eventually.Holds(() => agent.Status.Device("T07", "till")!.Connected, "the late port to open", cancellationToken: TestContext.Current.CancellationToken);
            using var till = pair.OpenDevice();
            till.Write("S|sale|A|2025-06-01T10:00:00+08:00|C1||\nT|0.00|\n");
            await Eventually.Holds(() => agent.Outbox.Queue.Depth == 1, "the first sale", cancellationToken: TestContext.Current.CancellationToken);
        }

        // Second run on the same outbox: the next sale of T07 gets sequence 2.
        await using (var pair = await SocatPair.StartAsync(dir.Path, "till", TestContext.Current.CancellationToken))
        await using (var agent = await TestAgent.StartAsync(settings))
        {
            await Eventually.Holds(() => agent.Status.Device("T07", "till")!.Connected, "the port to open", cancellationToken: TestContext.Current.CancellationToken);
            using var till = pair.OpenDevice();
            till.Write("S|sale|B|2025-06-01T10:05:00+08:00|C1||\nT|0.00|\n");
            await Eventually.Holds(() => agent.Outbox.Queue.Depth == 2, "the second sale", cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal([("A", 1L), ("B", 2L)], agent.Outbox.Queue.PeekOldest(10).Select(e => (e.Sale.ReceiptNumber!, EpochSequences.Number(e.Sale.Sequence))));
        }
    }

    [Fact]
    public async Task A_till_port_that_vanishes_is_reopened_and_reading_goes_on()
    {
        var (dir, pair, agent) = await StartAsync();
        using var _ = dir;
        await using var __ = pair;   // disposing twice is harmless
        await using var ___ = agent;
        using (var till = pair.OpenDevice())
        {
            till.Write("S|sale|A|2025-06-01T10:00:00+08:00|C1||\nT|0.00|\n");
            await Eventually.Holds(() => agent.Outbox.Queue.Depth == 1, "the first sale", cancellationToken: TestContext.Current.CancellationToken);
        }

        await pair.DisposeAsync();   // the USB adapter is pulled
        await Eventually.Holds(() => !agent.Status.Device("T01", "till")!.Connected, "the agent to notice", cancellationToken: TestContext.Current.CancellationToken);

        await using var again = await SocatPair.StartAsync(dir.Path, "till", TestContext.Current.CancellationToken);
        await Eventually.Holds(() => agent.Status.Device("T01", "till")!.Connected, "the port to be reopened", cancellationToken: TestContext.Current.CancellationToken);
        using (var till = again.OpenDevice())
        {
            till.Write("S|sale|B|2025-06-01T10:05:00+08:00|C1||\nT|0.00|\n");
            await Eventually.Holds(() => agent.Outbox.Queue.Depth == 2, "the second sale", cancellationToken: TestContext.Current.CancellationToken);
        }

        var device = agent.Status.Device("T01", "till")!;
        Assert.True(device[TillCounters.Opens] >= 2);
        Assert.True(device[TillCounters.PortFaults] >= 1);
    }
}
