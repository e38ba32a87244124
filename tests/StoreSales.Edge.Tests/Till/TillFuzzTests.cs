using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StoreSales.Contracts.Ingest;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Devices;
using StoreSales.Edge.Devices.Till;
using StoreSales.Edge.Outbox;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Till;

/// <summary>
/// Random till streams (pipe and JSON sales mixed with random bytes, truncated JSON, deep nesting, huge numbers,
/// invalid UTF-8, over-long lines, orphan lines): nothing throws, every good sale is stored exactly once and whole,
/// every bad frame is counted and logged once.
/// </summary>
public sealed class TillFuzzTests
{
    private const string MalformedLog = "malformed till line ignored";

    /// <summary>
    /// 10^5 frames through the adapter's own byte path (<see cref="TillAdapter.OnDataAsync"/>: splitter, UTF-8,
    /// parser, assembler, counters) in random chunks. In memory rather than through a pty: a pty and the outbox's
    /// fsync per sale would make this minutes on a busy machine; the pty smoke below covers the port path.
    /// </summary>
    [Fact]
    public async Task A_hundred_thousand_random_frames_never_throw_and_every_bad_frame_is_counted()
    {
        var frames = new TillFrames(seed: 20251123).Fill(100_000);
        var sink = new RecordingSaleSink();
        var logs = new ConcurrentQueue<string>();
        using var logging = LoggerFactory.Create(b => b.AddProvider(new TestOutputLoggerProvider(output: null, logs)));
        var adapter = new TillAdapter(
            new TerminalOptions { TerminalId = "T01", TillPort = "/nonexistent" },
            new AgentOptions { StoreId = "store-test" },
            sink,
            logging.CreateLogger<TillAdapter>(),
            TimeProvider.System);
        var bytes = frames.Bytes;
        var random = new Random(7);
        var watch = Stopwatch.StartNew();

        for (var at = 0; at < bytes.Length;)
        {
            var chunk = Math.Min(bytes.Length - at, random.Next(1, 512));
            await adapter.OnDataAsync(bytes.AsMemory(at, chunk), TestContext.Current.CancellationToken);
            at += chunk;
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{frames.Frames} frames ({bytes.Length / 1024} KiB) in {watch.Elapsed.TotalSeconds:0.00} s: {frames.Sales.Count} sales, {frames.Bad} bad " +
            $"({frames.Overlong} over-long, {frames.NoOpenSale} without a sale)");
        AssertAccountedFor(frames, adapter.Snapshot(), sink.Sales, logs);
    }

    /// <summary>The same kind of stream through a real pseudo-terminal into the running agent and its SQLite outbox.</summary>
    [Fact]
    public async Task A_random_stream_over_a_pty_lands_as_exactly_its_good_sales()
    {
        var frames = new TillFrames(seed: 77).Fill(1_500);
        using var dir = new TempDirectory();
        await using var pair = await SocatPair.StartAsync(dir.Path, "till", TestContext.Current.CancellationToken);
        var settings = TestAgent.Settings(dir);
        settings["Terminals:0:TerminalId"] = "T01";
        settings["Terminals:0:TillPort"] = pair.AgentEnd;
        settings["Logging:LogLevel:Default"] = "Warning";
        var logs = new ConcurrentQueue<string>();
        await using var agent = await TestAgent.StartAsync(settings, logs);
        await Eventually.Holds(() => agent.Status.Device("T01", "till")!.Connected, "the till port to open", cancellationToken: TestContext.Current.CancellationToken);
        using var till = pair.OpenDevice();

        var bytes = frames.Bytes;
        for (var at = 0; at < bytes.Length; at += 4096)
        {
            till.Write(bytes.AsSpan(at, Math.Min(4096, bytes.Length - at)));
        }

        await Eventually.Holds(
            () => agent.Status.Device("T01", "till")![TillCounters.Lines] == frames.Frames && agent.Outbox.Queue.Depth == frames.Sales.Count,
            "every frame read and every sale stored",
            TimeSpan.FromSeconds(60), cancellationToken: TestContext.Current.CancellationToken);
        AssertAccountedFor(frames, agent.Status.Device("T01", "till")!, [.. agent.Outbox.Queue.PeekOldest(frames.Sales.Count + 1).Select(e => e.Sale)], logs);
    }

    private static void AssertAccountedFor(TillFrames frames, DeviceSnapshot device, List<SaleRecord> stored, IEnumerable<string> logs)
    {
        Assert.Equal(frames.Frames, device[TillCounters.Lines]);
        Assert.Equal(frames.Bad, device[TillCounters.Malformed]);
        Assert.Equal(frames.Overlong, device[TillCounters.Overlong]);
        Assert.Equal(frames.NoOpenSale, device[TillCounters.NoOpenSale]);
        Assert.Equal(frames.Sales.Count, device[TillCounters.Sales]);
        Assert.Equal(0, device[TillCounters.Abandoned]);
        Assert.Equal(0, device[TillCounters.TotalMismatches]);
        Assert.Equal(frames.Bad, logs.Count(l => l.Contains(MalformedLog, StringComparison.Ordinal)));

        // Exactly the good sales, in order, each whole: a bad frame inside a sale cost it nothing.
        Assert.Equal(frames.Sales.Count, stored.Count);
        for (var i = 0; i < stored.Count; i++)
        {
            var (expected, actual) = (frames.Sales[i], stored[i]);
            Assert.Equal(
                (expected.ReceiptNumber, expected.Kind, expected.RungUpAt, expected.CashierId, expected.Total),
                (actual.ReceiptNumber, actual.Kind, actual.RungUpAt, actual.CashierId, actual.Total));
            Assert.Equal(
                expected.Lines.Select(l => (l.LineNumber, l.ItemCode, l.Quantity, l.UnitPrice, l.Discount, l.Amount)),
                actual.Lines.Select(l => (l.LineNumber, l.ItemCode, l.Quantity, l.UnitPrice, l.Discount, l.Amount)));
            Assert.Equal(expected.Tenders.Select(t => (t.Method, t.Amount)), actual.Tenders.Select(t => (t.Method, t.Amount)));
        }
    }

    private sealed class RecordingSaleSink : ISaleSink
    {
        public List<SaleRecord> Sales { get; } = [];

        public long Append(SaleRecord sale)
        {
            Sales.Add(sale);
            return Sales.Count;
        }
    }
}
