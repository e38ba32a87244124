using System.IO.Ports;
using System.Text;
using StoreSales.Edge.Devices.Receipts;
using StoreSales.Edge.Outbox;
using StoreSales.Edge.Simulator;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Receipts;

/// <summary>The agent in-process capturing receipts over real pseudo-terminal pairs (socat).</summary>
public sealed class ReceiptSerialTests
{
    [Fact]
    public async Task Pass_through_forwards_every_byte_unchanged_to_the_printer_and_the_sale_is_captured()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        await using var pos = await SocatPair.StartAsync(dir.Path, "pos", ct);          // the POS prints to pos-device; the agent reads pos-agent
        await using var printer = await SocatPair.StartAsync(dir.Path, "printer", ct);  // the agent writes printer-agent; the "printer" reads printer-device
        using var printerEnd = new SerialPort(printer.DeviceEnd, 9600, Parity.None, 8, StopBits.One) { Handshake = Handshake.None, ReadTimeout = 5000 };
        printerEnd.Open();
        printerEnd.DiscardInBuffer();

        var settings = TestAgent.Settings(dir);
        settings["Terminals:0:TerminalId"] = "T01";
        settings["Terminals:0:ReceiptPort"] = pos.AgentEnd;
        settings["Terminals:0:ReceiptPassThroughPort"] = printer.AgentEnd;
        settings["Terminals:0:Receipt:Profile"] = "zh-supermarket";
        settings["Terminals:0:Receipt:TimeZone"] = "Asia/Shanghai";
        await using var agent = await TestAgent.StartAsync(settings);
        await Eventually.Holds(() => agent.Status.Device("T01", "receipt")!.Connected, "both receipt ports to open", cancellationToken: TestContext.Current.CancellationToken);

        // Two receipts and a stray status query, written in uneven pieces as a POS driver would.
        var bytes = ZhSupermarketProfileTests.CashReceipt().Concat(ZhSupermarketProfileTests.WeChatReceipt()).ToArray();
        using (var posEnd = new SerialPort(pos.DeviceEnd, 9600, Parity.None, 8, StopBits.One) { Handshake = Handshake.None, ReadTimeout = 5000 })
        {
            posEnd.Open();
            posEnd.DiscardInBuffer();
            for (var i = 0; i < bytes.Length; i += 37)
            {
                posEnd.BaseStream.Write(bytes.AsSpan(i, Math.Min(37, bytes.Length - i)));
                posEnd.BaseStream.Flush();
            }

            Assert.Equal(bytes, await ReadExactlyAsync(printerEnd, bytes.Length));

            // The printer answers the status query (DLE EOT 1): the reply goes back to the POS unchanged.
            printerEnd.BaseStream.Write([0x12]);
            printerEnd.BaseStream.Flush();
            Assert.Equal([0x12], await ReadExactlyAsync(posEnd, 1));
        }

        await Eventually.Holds(() => agent.Outbox.Queue.Depth == 2, "two sales in the outbox", cancellationToken: TestContext.Current.CancellationToken);
        await Eventually.Holds(() => agent.Status.Device("T01", "receipt")![ReceiptCounters.PrinterReplyBytes] == 1, "the reply counted", cancellationToken: TestContext.Current.CancellationToken);
        var sales = agent.Outbox.Queue.PeekOldest(10).Select(e => e.Sale).ToList();
        Assert.Equal([("0012-20250601-0042", 1L, 66.58m), ("0012-20250601-0043", 2L, 7.50m)], sales.Select(s => (s.ReceiptNumber!, EpochSequences.Number(s.Sequence), s.Total)));
        var device = agent.Status.Device("T01", "receipt")!;
        Assert.Equal(bytes.Length, device[ReceiptCounters.ForwardedBytes]);
        Assert.Equal(bytes.Length, device[ReceiptCounters.Bytes]);
        Assert.Equal((0L, 2L, 2L, 0L, 1L), (device[ReceiptCounters.ForwardDroppedBytes], device[ReceiptCounters.Sales], device[ReceiptCounters.Cuts], device[ReceiptCounters.UnparsedReceipts], device[ReceiptCounters.PrinterReplyBytes]));
    }

    private static async Task<byte[]> ReadExactlyAsync(SerialPort port, int count)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            read += await port.BaseStream.ReadAsync(buffer.AsMemory(read), TestContext.Current.CancellationToken).AsTask()
                .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        }

        return buffer;
    }

    [Fact]
    public async Task A_receipt_the_profile_cannot_read_is_kept_whole_and_counted_and_the_next_one_still_lands()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        await using var pos = await SocatPair.StartAsync(dir.Path, "pos", ct);
        var settings = TestAgent.Settings(dir);
        settings["Terminals:0:TerminalId"] = "T01";
        settings["Terminals:0:ReceiptPort"] = pos.AgentEnd;
        settings["Terminals:0:Receipt:Profile"] = "zh-supermarket";
        settings["Terminals:0:Receipt:TimeZone"] = "+08:00";
        await using var agent = await TestAgent.StartAsync(settings);
        await Eventually.Holds(() => agent.Status.Device("T01", "receipt")!.Connected, "the receipt port to open", cancellationToken: TestContext.Current.CancellationToken);

        var unreadable = new EscPos(EscPos.Gb18030).Init().ChineseOn()
            .Line("单号:0012-20250601-0099").Line("收银员:0107").Line("日期:2025-06-01 12:00:00")
            .Line("会员积分兑换 200 分").Raw(0x1B, 0x7E)                              // no item line, an unknown command
            .Line("合计:0.00").Cut().ToArray();
        var report = new EscPos(EscPos.Gb18030).Init().ChineseOn().Line("交班报表").Line("收银员:0107").DrawerKick().Cut().ToArray();
        using (var till = pos.OpenDevice())
        {
            till.Write(unreadable);
            till.Write(report);
            till.Write(ZhSupermarketProfileTests.WeChatReceipt());
        }

        await Eventually.Holds(() => agent.Outbox.Queue.Depth == 1 && agent.Outbox.Unparsed.Count == 2, "one sale and two unparsed receipts", cancellationToken: TestContext.Current.CancellationToken);
        var kept = agent.Outbox.Unparsed.Read();
        Assert.Equal(unreadable, kept[0].Receipt.Raw);
        Assert.Equal(("T01", "no item line matched the profile's Item pattern"), (kept[0].Receipt.TerminalId, kept[0].Receipt.Reason));
        Assert.Contains("会员积分兑换 200 分", kept[0].Receipt.Text, StringComparison.Ordinal);
        Assert.Equal(report, kept[1].Receipt.Raw);
        Assert.Equal("0012-20250601-0043", Assert.Single(agent.Outbox.Queue.PeekOldest(10)).Sale.ReceiptNumber);

        await Eventually.Holds(() => agent.Status.Device("T01", "receipt")![ReceiptCounters.Sales] == 1, "the sale counter", cancellationToken: TestContext.Current.CancellationToken);
        var device = agent.Status.Device("T01", "receipt")!;
        Assert.Equal((2L, 3L, 1L, 3L), (device[ReceiptCounters.UnparsedReceipts], device[ReceiptCounters.Documents], device[ReceiptCounters.UnknownCommands], device[ReceiptCounters.Cuts]));
    }

    [Fact]
    public async Task The_simulators_receipt_printer_feeds_the_agent_whole_sales()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        var catalogPath = dir.File("items.csv");
        await File.WriteAllTextAsync(catalogPath, "gtin,name,unit_price\n6920433218190,Jasmine tea,3.50\n6993503056411,\"Rice, 5kg\",39.90\n6969407816185,可乐 Cola,3.00\n", Encoding.UTF8, ct);

        await using var till = await SocatPair.StartAsync(dir.Path, "till", ct);     // the simulator needs a till port; this agent reads receipts only
        await using var receipts = await SocatPair.StartAsync(dir.Path, "receipt", ct);
        var settings = TestAgent.Settings(dir);
        settings["Terminals:0:TerminalId"] = "T01";
        settings["Terminals:0:ReceiptPort"] = receipts.AgentEnd;
        settings["Terminals:0:Receipt:Profile"] = "simulator";
        await using var agent = await TestAgent.StartAsync(settings);
        await Eventually.Holds(() => agent.Status.Device("T01", "receipt")!.Connected, "the receipt port to open", cancellationToken: TestContext.Current.CancellationToken);

        var output = new StringWriter();
        var exit = await SimulatorApp.RunAsync(
            ["--catalog", catalogPath, "--terminal", $"T01={till.DeviceEnd}", "--receipt-printer", receipts.DeviceEnd, "--sales-per-minute", "600", "--count", "4", "--seed", "11"],
            output,
            output,
            ct);
        Assert.True(exit == 0, output.ToString());

        await Eventually.Holds(() => agent.Outbox.Queue.Depth == 4, "four sales in the outbox", cancellationToken: TestContext.Current.CancellationToken);
        var sales = agent.Outbox.Queue.PeekOldest(10).Select(e => e.Sale).ToList();
        Assert.Equal([1L, 2L, 3L, 4L], sales.Select(s => EpochSequences.Number(s.Sequence)));
        foreach (var sale in sales)
        {
            Assert.Equal(sale.Total, sale.Lines.Sum(l => l.Amount));
            Assert.Equal(sale.Total, sale.Tenders.Sum(t => t.Amount));
            Assert.StartsWith("T01-", sale.ReceiptNumber, StringComparison.Ordinal);
            Assert.Contains($"receipt {sale.ReceiptNumber}, {sale.Lines.Count} items, total {sale.Total:0.00}", output.ToString(), StringComparison.Ordinal);
            Assert.InRange(sale.RungUpAt, DateTimeOffset.Now.AddMinutes(-1), DateTimeOffset.Now.AddSeconds(1));
        }

        Assert.Equal(0, agent.Outbox.Unparsed.Count);
    }

    [Fact]
    public void The_simulator_option_is_per_terminal_and_follows_its_terminal()
    {
        Assert.True(SimulatorOptions.TryParse(["--catalog", "c.csv", "--terminal", "T01=/a", "--receipt-printer", "/p1", "--terminal", "T02=/b,/s"], out var options, out _));
        Assert.Equal([("T01", "/p1"), ("T02", null)], options!.Terminals.Select(t => (t.TerminalId, t.ReceiptPrinterPort)));
        Assert.Equal("/s", options.Terminals[1].ScannerPort);

        Assert.False(SimulatorOptions.TryParse(["--catalog", "c.csv", "--receipt-printer", "/p1", "--terminal", "T01=/a"], out _, out var error));
        Assert.Contains("must follow its --terminal", error, StringComparison.Ordinal);
        Assert.False(SimulatorOptions.TryParse(["--catalog", "c.csv", "--terminal", "T01=/a", "--receipt-printer", "/p1", "--receipt-printer", "/p2"], out _, out _));
    }

    [Fact]
    public void Unparsed_receipts_survive_reopening_the_outbox()
    {
        using var dir = new TempDirectory();
        var raw = new byte[] { 0x1B, 0x40, 0xC4, 0xE3, 0x0A, 0x00, 0xFF, 0x1D, 0x56, 0x01 };
        using (var outbox = new SqliteOutbox(dir.File("outbox.db")))
        {
            Assert.Equal(1, outbox.Unparsed.KeepUnparsed(new UnparsedReceipt("T01", DateTimeOffset.UtcNow, "no total line", raw, "你")));
        }

        using (var outbox = new SqliteOutbox(dir.File("outbox.db")))
        {
            var kept = Assert.Single(outbox.Unparsed.Read());
            Assert.Equal((1L, "T01", "no total line", "你"), (kept.Id, kept.Receipt.TerminalId, kept.Receipt.Reason, kept.Receipt.Text));
            Assert.Equal(raw, kept.Receipt.Raw);
            Assert.Equal(1, outbox.Unparsed.Count);
            Assert.Equal(0, outbox.Queue.Depth);
        }
    }
}
