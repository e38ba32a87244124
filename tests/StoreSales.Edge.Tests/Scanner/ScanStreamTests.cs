using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StoreSales.Contracts.Ingest;
using StoreSales.Domain.Sales;
using StoreSales.Edge.Devices.Receipts;
using StoreSales.Edge.Devices.Scanner;
using StoreSales.Edge.Outbox;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Edge.Tests.Receipts;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Scanner;

/// <summary>
/// The agent in-process with real pseudo-terminal pairs (socat): valid scans go to the outbox as scan events numbered per
/// terminal (never reused across a restart), invalid ones stay device counters; and a receipt printed without item
/// codes takes them from the scans read between the previous receipt and this one.
/// </summary>
public sealed class ScanStreamTests
{
    private const string Tea = "6920433218190";
    private const string Cola = "6970013389086";

    private static Dictionary<string, string?> ScannerAgent(TempDirectory dir, SocatPair scanner)
    {
        var settings = TestAgent.Settings(dir);
        settings["Terminals:0:TerminalId"] = "T01";
        settings["Terminals:0:TillPort"] = dir.File("no-till");
        settings["Terminals:0:ScannerPort"] = scanner.AgentEnd;
        settings["Barcodes:Scan:VariableMeasurePresets:0"] = "weight-5";
        return settings;
    }

    [Fact]
    public async Task Valid_scans_go_to_the_outbox_numbered_per_terminal_and_invalid_ones_are_only_counted()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        await using var scanner = await SocatPair.StartAsync(dir.Path, "scanner", ct);
        var settings = ScannerAgent(dir, scanner);

        await using (var agent = await TestAgent.StartAsync(settings))
        {
            await Eventually.Holds(() => agent.Status.Device("T01", "scanner")!.Connected, "the scanner port to open", cancellationToken: ct);
            using var device = scanner.OpenDevice();
            // A tea (EAN-13 with its AIM prefix), a wrong check digit, a weighed label, a GS1-128 of a cola.
            device.Write($"]E0{Tea}\r6920433218191\r2800042012508\r]C1010{Cola}10LOT7\r");
            await Eventually.Holds(() => agent.Outbox.Scans.Depth == 3, "three scans in the outbox", cancellationToken: ct);
            await Eventually.Holds(() => agent.Status.Device("T01", "scanner")![ScannerCounters.InvalidCheckDigits] == 1, "the bad check digit counted", cancellationToken: ct);

            Assert.Equal(
                [(1L, Tea, "]E0", ScanKinds.Gtin, (decimal?)null), (2L, "00042", "none", ScanKinds.VariableMeasure, 1.250m), (3L, Cola, "]C1", ScanKinds.Gs1, null)],
                agent.Outbox.Scans.PeekOldest(10).Select(s => (TerminalEpoch.NumberOf(s.Sequence), s.Code, s.Symbology, s.Kind, s.WeightKg)));
        }

        // A restart: the next scan is 4, never a sequence the server may already hold.
        await using (var agent = await TestAgent.StartAsync(settings))
        {
            await Eventually.Holds(() => agent.Status.Device("T01", "scanner")!.Connected, "the scanner port to open again", cancellationToken: ct);
            using var device = scanner.OpenDevice();
            device.Write($"{Tea}\r");
            await Eventually.Holds(() => agent.Outbox.Scans.Depth == 4, "the fourth scan in the outbox", cancellationToken: ct);
            Assert.Equal((4L, Tea), agent.Outbox.Scans.PeekOldest(10).Select(s => (TerminalEpoch.NumberOf(s.Sequence), s.Code)).Last());
            Assert.Equal(4, agent.Status.Snapshot().Scans!.Depth);
        }
    }

    [Fact]
    public async Task A_stream_of_scans_is_stored_and_uploaded_together_once_the_agents_windows_pass()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        await using var scanner = await SocatPair.StartAsync(dir.Path, "scanner", ct);
        await using var server = await FakeIngestServer.StartAsync();
        var settings = ScannerAgent(dir, scanner);
        settings["Agent:ServerUrl"] = server.Url;
        settings["Agent:StoreId"] = server.StoreId;
        settings["Agent:StoreKey"] = server.StoreKey;
        // The agent's clock stands still until the test moves it: the windows (100 ms to store, 250 ms to upload) pass only then.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);

        await using var agent = await TestAgent.StartAsync(settings, time: clock);
        await Eventually.Holds(() => agent.Status.Device("T01", "scanner")!.Connected, "the scanner port to open", cancellationToken: ct);
        using var device = scanner.OpenDevice();
        foreach (var (code, read) in new[] { (Tea, 1L), (Cola, 2L), (Tea, 3L) })
        {
            device.Write($"{code}\r");
            await Eventually.Holds(() => agent.Status.Device("T01", "scanner")![ScannerCounters.Scans] == read, $"scan {read} read", cancellationToken: ct);
        }

        // Read but not yet stored: the writer gathers for Agent:ScanWriteWindow of the agent's clock.
        var writer = agent.Host.Services.GetRequiredService<OutboxScans>();
        await Eventually.Holds(() => writer.Waiting == 3, "the three scans handed to the outbox's writer", cancellationToken: ct);
        Assert.Equal(0, agent.Outbox.Scans.Depth);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        await Eventually.Holds(() => agent.Outbox.Scans.Depth == 3, "the three scans stored together", cancellationToken: ct);
        Assert.Empty(server.ScanBatchSizes);

        // Stored, then one upload of all three once Agent:ScanUploadWindow has passed too.
        await Eventually.Holds(
            () =>
            {
                clock.Advance(TimeSpan.FromMilliseconds(50));
                return agent.Outbox.Scans.Depth == 0;
            },
            "the scans uploaded",
            cancellationToken: ct);
        Assert.Equal([3], server.ScanBatchSizes);
    }

    [Fact]
    public async Task Receipt_lines_printed_without_codes_are_completed_from_the_scans_between_two_receipts()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        await using var scanner = await SocatPair.StartAsync(dir.Path, "scanner", ct);
        await using var pos = await SocatPair.StartAsync(dir.Path, "pos", ct);
        var settings = TestAgent.Settings(dir);
        settings["Terminals:0:TerminalId"] = "T01";
        settings["Terminals:0:ScannerPort"] = scanner.AgentEnd;
        settings["Terminals:0:ReceiptPort"] = pos.AgentEnd;
        settings["Terminals:0:Receipt:TimeZone"] = "+08:00";
        // A printer-only till whose receipt names items but prints no codes.
        settings["Terminals:0:Receipt:Inline:Item"] = @"^(?<name>[A-Za-z ]+?) +(?<quantity>\d+) +(?<price>\d+\.\d\d) +(?<amount>\d+\.\d\d)$";
        settings["Terminals:0:Receipt:Inline:Total"] = @"^TOTAL +(?<total>\d+\.\d\d)$";
        await using var agent = await TestAgent.StartAsync(settings);
        await Eventually.Holds(() => agent.Status.Device("T01", "scanner")!.Connected && agent.Status.Device("T01", "receipt")!.Connected, "scanner and receipt ports to open", cancellationToken: ct);
        using var scans = scanner.OpenDevice();
        using var printer = pos.OpenDevice();

        // Receipt 1: tea, cola, tea scanned; printed as tea ×2 and cola.
        scans.Write($"{Tea}\r{Cola}\r{Tea}\r");
        await Eventually.Holds(() => agent.Outbox.Scans.Depth == 3, "the first receipt's scans", cancellationToken: ct);
        printer.Write(new EscPos().Init().Line("SHOP").Line("Jasmine tea 2 3.50 7.00").Line("Cola 1 4.00 4.00").Line("TOTAL 11.00").Cut().ToArray());
        await Eventually.Holds(() => agent.Outbox.Queue.Depth == 1, "the first sale", cancellationToken: ct);

        // Receipt 2: one cola scanned, but the cashier rang up two (one keyed in): kept as printed.
        scans.Write($"{Cola}\r");
        await Eventually.Holds(() => agent.Outbox.Scans.Depth == 4, "the second receipt's scan", cancellationToken: ct);
        printer.Write(new EscPos().Init().Line("SHOP").Line("Cola 2 4.00 8.00").Line("TOTAL 8.00").Cut().ToArray());
        await Eventually.Holds(() => agent.Outbox.Queue.Depth == 2, "the second sale", cancellationToken: ct);

        var sales = agent.Outbox.Queue.PeekOldest(10).Select(e => e.Sale).ToList();
        Assert.Equal([(Tea, 2m, 7.00m), (Cola, 1m, 4.00m)], sales[0].Lines.Select(l => (l.ItemCode, l.Quantity, l.Amount)));
        Assert.Equal([("Cola", 2m)], sales[1].Lines.Select(l => (l.ItemCode, l.Quantity)));
        var receipt = agent.Status.Device("T01", "receipt")!;
        Assert.Equal((2L, 1L), (receipt[ReceiptCounters.LinesCompletedFromScans], receipt[ReceiptCounters.ScanCompletionMismatches]));
    }
}
