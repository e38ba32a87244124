using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using StoreSales.Domain.Barcodes;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Devices.Scanner;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Scanner;

/// <summary>The serial scanner adapter reading a real pseudo-terminal pair.</summary>
public sealed class SerialScannerTests
{
    private static readonly string Valid1 = Gtin.WithCheckDigit("692043321819");
    private static readonly string ValidGtin8 = Gtin.WithCheckDigit("9638507");
    private static string WrongCheckDigit(string gtin) => gtin[..^1] + (char)('0' + ((gtin[^1] - '0' + 1) % 10));

    private static async Task<(SerialScannerAdapter Adapter, RecordingSink Sink, Task Run)> StartAsync(SocatPair pair, string suffix, CancellationToken stop)
    {
        var terminal = new TerminalOptions { TerminalId = "T01", TillPort = "/nonexistent", ScannerPort = pair.AgentEnd, ScannerSuffix = suffix };
        var agent = new AgentOptions { StoreId = "store-test", PortRetryDelay = TimeSpan.FromMilliseconds(50), PortRetryMaxDelay = TimeSpan.FromMilliseconds(200) };
        var sink = new RecordingSink();
        var adapter = new SerialScannerAdapter(terminal, agent, sink, NullLogger<SerialScannerAdapter>.Instance, TimeProvider.System);
        var run = adapter.RunAsync(stop);
        await Eventually.Until(() => adapter.Snapshot().Connected, "the scanner port to open");
        return (adapter, sink, run);
    }

    [Fact]
    public async Task Valid_invalid_and_overlong_frames_are_counted()
    {
        using var dir = new TempDirectory();
        await using var pair = await SocatPair.StartAsync(dir.Path, "scan", TestContext.Current.CancellationToken);
        using var stop = new CancellationTokenSource();
        var (adapter, sink, run) = await StartAsync(pair, "CR", stop.Token);
        using var scanner = pair.OpenDevice();

        scanner.Write($"{Valid1}\r");
        scanner.Write($"{WrongCheckDigit(Valid1)}\r");
        scanner.Write(new string('7', 300));                 // no suffix for 300 bytes: discarded
        scanner.Write("\r");
        scanner.Write($"{ValidGtin8}\r\n");                  // a CR LF scanner on a CR setting: the LF is trimmed from the next frame
        scanner.Write("HELLO\r");                            // not a GTIN
        scanner.Write($"{Valid1}\r");

        await Eventually.Until(() => adapter.Snapshot()[ScannerCounters.Frames] == 5 && sink.Scans.Count == 3, "five frames, three scans");
        var snapshot = adapter.Snapshot();
        Assert.Equal(3, snapshot[ScannerCounters.Scans]);
        Assert.Equal(1, snapshot[ScannerCounters.InvalidCheckDigits]);
        Assert.Equal(1, snapshot[ScannerCounters.Overlong]);
        Assert.Equal(1, snapshot[ScannerCounters.Unrecognized]);
        Assert.Equal([Valid1, ValidGtin8, Valid1], sink.Scans.Select(s => s.Code));
        Assert.All(sink.Scans, s => Assert.Equal("T01", s.TerminalId));

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_CRLF_scanner_is_framed_on_CRLF()
    {
        using var dir = new TempDirectory();
        await using var pair = await SocatPair.StartAsync(dir.Path, "scan", TestContext.Current.CancellationToken);
        using var stop = new CancellationTokenSource();
        var (adapter, sink, run) = await StartAsync(pair, "CRLF", stop.Token);
        using var scanner = pair.OpenDevice();

        scanner.Write($"{Valid1}\r");
        scanner.Write($"\n{ValidGtin8}\r\n");

        await Eventually.Until(() => sink.Scans.Count == 2, "two scans");
        Assert.Equal([Valid1, ValidGtin8], sink.Scans.Select(s => s.Code));

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    private sealed class RecordingSink : IScanSink
    {
        private readonly ConcurrentQueue<Scan> _scans = new();

        public IReadOnlyList<Scan> Scans => [.. _scans];

        public void OnScan(Scan scan) => _scans.Enqueue(scan);
    }
}
