using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
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

    private const char GS = '\u001D';

    private static async Task<(SerialScannerAdapter Adapter, RecordingSink Sink, Task Run)> StartAsync(SocatPair pair, string suffix, CancellationToken stop, ScanDecoderOptions? scanOptions = null)
    {
        var terminal = new TerminalOptions { TerminalId = "T01", TillPort = "/nonexistent", ScannerPort = pair.AgentEnd, ScannerSuffix = suffix };
        var agent = new AgentOptions { StoreId = "store-test", PortRetryDelay = TimeSpan.FromMilliseconds(50), PortRetryMaxDelay = TimeSpan.FromMilliseconds(200) };
        var sink = new RecordingSink();
        var adapter = new SerialScannerAdapter(terminal, agent, sink, NullLogger<SerialScannerAdapter>.Instance, TimeProvider.System, scanOptions);
        var run = adapter.RunAsync(stop);
        await Eventually.Holds(() => adapter.Snapshot().Connected, "the scanner port to open", cancellationToken: TestContext.Current.CancellationToken);
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

        await Eventually.Holds(() => adapter.Snapshot()[ScannerCounters.Frames] == 5 && sink.Scans.Count == 3, "five frames, three scans", cancellationToken: TestContext.Current.CancellationToken);
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

        await Eventually.Holds(() => sink.Scans.Count == 2, "two scans", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([Valid1, ValidGtin8], sink.Scans.Select(s => s.Code));

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    /// <summary>The <c>Barcodes:Scan</c> options as the agent binds them from <paramref name="settings"/>.</summary>
    private static ScanDecoderOptions ScanOptions(params (string Key, string Value)[] settings)
    {
        using var host = EdgeAgentHost.Build(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)), configureLogging: _ => { });
        return host.Services.GetRequiredService<IOptions<ScanDecoderOptions>>().Value;
    }

    [Fact]
    public async Task A_GS1_128_element_string_with_GS_separators_is_counted_as_gs1_with_its_GTIN()
    {
        using var dir = new TempDirectory();
        await using var pair = await SocatPair.StartAsync(dir.Path, "scan", TestContext.Current.CancellationToken);
        using var stop = new CancellationTokenSource();
        var (adapter, sink, run) = await StartAsync(pair, "CR", stop.Token, ScanOptions());
        using var scanner = pair.OpenDevice();
        var gtin14 = Gtin.WithCheckDigit("1400638133393");

        scanner.Write($"]C101{gtin14}10LOT42{GS}3103001250\r");        // AIM prefix: the FNC1 in first position is implied
        scanner.Write($"{GS}01{gtin14}10LOT43{GS}17271231\r");          // no prefix, the scanner sends FNC1 as a leading GS
        scanner.Write($"]C101{WrongCheckDigit(gtin14)}10LOT44\r");      // a wrong check digit in AI (01)

        await Eventually.Holds(() => adapter.Snapshot()[ScannerCounters.Frames] == 3, "three frames", cancellationToken: TestContext.Current.CancellationToken);
        var snapshot = adapter.Snapshot();
        Assert.Equal(2, snapshot[ScannerCounters.Gs1Scans]);
        Assert.Equal(1, snapshot[ScannerCounters.InvalidCheckDigits]);
        Assert.Equal(0, snapshot[ScannerCounters.Scans]);
        Assert.Equal([gtin14, gtin14], sink.Scans.Select(s => s.Decoded.Gtin));
        Assert.All(sink.Scans, s => Assert.Equal(ScanKind.Gs1ElementString, s.Decoded.Kind));
        Assert.Equal(1.25m, sink.Scans[0].Decoded.WeightKg);
        Assert.Equal("LOT43", sink.Scans[1].Decoded.Elements.Single(e => e.Ai == "10").Value);

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_member_code_is_counted_as_member_with_its_id()
    {
        using var dir = new TempDirectory();
        await using var pair = await SocatPair.StartAsync(dir.Path, "scan", TestContext.Current.CancellationToken);
        using var stop = new CancellationTokenSource();
        var (adapter, sink, run) = await StartAsync(pair, "CR", stop.Token, ScanOptions());
        using var scanner = pair.OpenDevice();

        scanner.Write("M0123456789\r");
        scanner.Write("member:42\r");

        await Eventually.Holds(() => sink.Scans.Count == 2, "two member scans", cancellationToken: TestContext.Current.CancellationToken);
        var snapshot = adapter.Snapshot();
        Assert.Equal(2, snapshot[ScannerCounters.MemberScans]);
        Assert.Equal(0, snapshot[ScannerCounters.Unrecognized]);
        Assert.Equal(["0123456789", "42"], sink.Scans.Select(s => s.Decoded.MemberId));
        Assert.All(sink.Scans, s => Assert.Equal(ScanKind.Member, s.Decoded.Kind));

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_variable_measure_code_follows_the_configured_preset_and_a_wrong_check_digit_stays_invalid()
    {
        using var dir = new TempDirectory();
        await using var pair = await SocatPair.StartAsync(dir.Path, "scan", TestContext.Current.CancellationToken);
        using var stop = new CancellationTokenSource();
        var options = ScanOptions(("Barcodes:Scan:VariableMeasurePresets:0", "price-5"));
        var (adapter, sink, run) = await StartAsync(pair, "CR", stop.Token, options);
        using var scanner = pair.OpenDevice();
        var priced = Gtin.WithCheckDigit("201234501234");

        scanner.Write($"{priced}\r");
        scanner.Write($"{WrongCheckDigit(priced)}\r");
        scanner.Write($"{WrongCheckDigit(Valid1)}\r");
        scanner.Write($"{Valid1}\r");

        await Eventually.Holds(() => adapter.Snapshot()[ScannerCounters.Frames] == 4, "four frames", cancellationToken: TestContext.Current.CancellationToken);
        var snapshot = adapter.Snapshot();
        Assert.Equal(1, snapshot[ScannerCounters.VariableMeasureScans]);
        Assert.Equal(2, snapshot[ScannerCounters.InvalidCheckDigits]);
        Assert.Equal(1, snapshot[ScannerCounters.Scans]);
        var scan = sink.Scans[0].Decoded;
        Assert.Equal((ScanKind.VariableMeasure, priced, "12345", 12.34m), (scan.Kind, scan.Gtin, scan.ItemCode, scan.Price));
        Assert.Equal(Valid1, sink.Scans[1].Decoded.Gtin);

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void An_unknown_preset_fails_at_start_naming_the_key()
    {
        using var host = EdgeAgentHost.Build([new("Barcodes:Scan:VariableMeasurePresets:0", "price-6")], configureLogging: _ => { });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<ScanDecoderOptions>>().Value);
        Assert.Contains("Barcodes:Scan:VariableMeasurePresets", error.Message, StringComparison.Ordinal);
    }

    private sealed record RecordedScan(string TerminalId, DecodedScan Decoded, DateTimeOffset ScannedAt)
    {
        public string Code => Decoded.Gtin ?? Decoded.MemberId ?? Decoded.Data;
    }

    private sealed class RecordingSink : IScanSink
    {
        private readonly ConcurrentQueue<RecordedScan> _scans = new();

        public IReadOnlyList<RecordedScan> Scans => [.. _scans];

        public void OnScan(string terminalId, DecodedScan scan, DateTimeOffset scannedAt) => _scans.Enqueue(new RecordedScan(terminalId, scan, scannedAt));
    }
}
