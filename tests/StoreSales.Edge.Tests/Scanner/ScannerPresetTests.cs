using System.IO.Ports;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using StoreSales.Domain.Barcodes;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Devices.Scanner;
using StoreSales.Edge.Devices.Serial;
using StoreSales.Edge.Tests.Hid;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Scanner;

/// <summary>
/// Serial scanner presets and line options over real socat pty pairs.
/// </summary>
/// <remarks>
/// A pty carries bytes, not a line signal: it ignores speed, data bits, parity and stop bits (termios accepts them and
/// changes nothing). So these tests cannot show what a wrong parity or baud setting does on a real UART (framing
/// errors, garbage bytes); they show what the agent itself does with a preset: the settings it resolves and opens
/// the port with, the framing (suffix, STX…ETX, quiet gap), the prefix, the masking of the high bits of 7-bit data,
/// and that garbage and over-long frames are counted and never decoded.
/// </remarks>
public sealed class ScannerPresetTests
{
    private static readonly string Code1 = Gtin.WithCheckDigit("692043321819");
    private static readonly string Code2 = Gtin.WithCheckDigit("400638133393");

    /// <summary>How each preset's scanner frames one code on the wire.</summary>
    private static byte[] Framed(string preset, string code) => Encoding.Latin1.GetBytes(preset switch
    {
        "gap-9600" => code,
        "crlf-115200" => code + "\r\n",
        "stx-etx" => "\u0002" + code + "\u0003",
        _ => code + "\r",
    });

    private static async Task<(SerialScannerAdapter Adapter, RecordingScanSink Sink, Task Run)> StartAsync(TerminalOptions terminal, CancellationToken stop)
    {
        var sink = new RecordingScanSink();
        var adapter = new SerialScannerAdapter(terminal, new AgentOptions { StoreId = "store-test" }, sink, NullLogger<SerialScannerAdapter>.Instance, TimeProvider.System);
        var run = adapter.RunAsync(stop);
        await Eventually.Holds(() => adapter.Snapshot().Connected, "the scanner port to open", cancellationToken: TestContext.Current.CancellationToken);
        return (adapter, sink, run);
    }

    [Theory]
    [InlineData("gap-9600", 9600, 8, Parity.None, ScannerSuffixKind.None)]
    [InlineData("opos-cr", 9600, 8, Parity.None, ScannerSuffixKind.Cr)]
    [InlineData("crlf-115200", 115200, 8, Parity.None, ScannerSuffixKind.CrLf)]
    [InlineData("cr-9600-7o1", 9600, 7, Parity.Odd, ScannerSuffixKind.Cr)]
    [InlineData("stx-etx", 9600, 8, Parity.None, ScannerSuffixKind.Etx)]
    public async Task Every_preset_frames_its_codes_and_counts_garbage_and_overlong_frames(string preset, int baud, int dataBits, Parity parity, ScannerSuffixKind suffix)
    {
        using var dir = new TempDirectory();
        await using var pair = await SocatPair.StartAsync(dir.Path, "scan", TestContext.Current.CancellationToken);
        using var stop = new CancellationTokenSource();
        var terminal = new TerminalOptions
        {
            TerminalId = "T01", TillPort = "/nonexistent", ScannerPort = pair.AgentEnd, ScannerPreset = preset,
            ScannerQuietGap = TimeSpan.FromMilliseconds(20),
        };
        var (adapter, sink, run) = await StartAsync(terminal, stop.Token);
        Assert.Equal((baud, dataBits, parity, StopBits.One, suffix), (adapter.Line.BaudRate, adapter.Line.DataBits, adapter.Line.Parity, adapter.Line.StopBits, adapter.Line.Suffix));
        using var scanner = pair.OpenDevice();
        long Count(string counter) => adapter.Snapshot()[counter];

        // Each step waits for its outcome, so that with no suffix the line has gone quiet before the next code.
        scanner.Write(Framed(preset, Code1));
        await Eventually.Holds(() => Count(ScannerCounters.Scans) == 1, "the first code", cancellationToken: TestContext.Current.CancellationToken);

        var garbage = suffix == ScannerSuffixKind.Etx ? Encoding.Latin1.GetBytes(Code1 + "\u0003") : Framed(preset, "69\u0001\u000120433");
        scanner.Write(garbage);
        await Eventually.Holds(() => Count(ScannerCounters.Garbage) == 1, "the garbage frame", cancellationToken: TestContext.Current.CancellationToken);

        // On 7 data bits the high bit is not data (a real UART may deliver parity or noise there): masked off.
        var second = Framed(preset, Code2);
        scanner.Write(dataBits == 7 ? [.. second.Select(b => (byte)(b | 0x80))] : second);
        await Eventually.Holds(() => Count(ScannerCounters.Scans) == 2, "the second code", cancellationToken: TestContext.Current.CancellationToken);

        scanner.Write(Framed(preset, new string('7', 300)));
        await Eventually.Holds(() => Count(ScannerCounters.Overlong) == 1, "the over-long frame", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([Code1, Code2], sink.Codes);
        Assert.Equal((0, 0), (Count(ScannerCounters.Unrecognized), Count(ScannerCounters.InvalidCheckDigits)));

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_fixed_prefix_is_stripped_and_a_frame_without_it_is_garbage()
    {
        using var dir = new TempDirectory();
        await using var pair = await SocatPair.StartAsync(dir.Path, "scan", TestContext.Current.CancellationToken);
        using var stop = new CancellationTokenSource();
        var terminal = new TerminalOptions { TerminalId = "T01", TillPort = "/nonexistent", ScannerPort = pair.AgentEnd, ScannerPrefix = "\\x1bS:" };
        var (adapter, sink, run) = await StartAsync(terminal, stop.Token);
        using var scanner = pair.OpenDevice();

        scanner.Write($"\u001bS:{Code1}\r{Code2}\r\u001bS:{Code2}\r");

        await Eventually.Holds(() => adapter.Snapshot()[ScannerCounters.Frames] == 3, "three frames", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([Code1, Code2], sink.Codes);
        Assert.Equal(1, adapter.Snapshot()[ScannerCounters.Garbage]);

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void A_preset_sets_defaults_and_explicit_keys_override_them()
    {
        var failures = new List<string>();
        var line = ScannerLine.Resolve(
            new TerminalOptions { ScannerPreset = "crlf-115200", ScannerBaudRate = 57600, ScannerSuffix = "tab", ScannerParity = "even", ScannerStopBits = "Two", ScannerHandshake = "XOnXOff" },
            "Terminals:0",
            failures);

        Assert.Empty(failures);
        Assert.Equal(new ScannerLine(57600, 8, Parity.Even, StopBits.Two, Handshake.XOnXOff, ScannerSuffixKind.Tab, null, TimeSpan.FromMilliseconds(50)), line);
    }

    [Fact]
    public void Without_a_preset_the_scanner_keeps_the_terminal_baud_rate_and_CR()
    {
        var line = ScannerLine.Resolve(new TerminalOptions { BaudRate = 19200 }, "Terminals:0", []);

        Assert.Equal((19200, 8, Parity.None, ScannerSuffixKind.Cr), (line!.BaudRate, line.DataBits, line.Parity, line.Suffix));
    }

    [Fact]
    public void Bad_scanner_settings_name_their_exact_key()
    {
        var failures = new List<string>();
        var line = ScannerLine.Resolve(
            new TerminalOptions
            {
                ScannerPreset = "honeywell", ScannerDataBits = 9, ScannerParity = "3", ScannerStopBits = "None", ScannerHandshake = "rts",
                ScannerSuffix = "SPACE", ScannerPrefix = "\\q", ScannerQuietGap = TimeSpan.Zero, ScannerBaudRate = 10,
            },
            "Terminals:2",
            failures);

        Assert.Null(line);
        string[] keys = ["ScannerPreset 'honeywell' is not a scanner preset", "ScannerBaudRate 10 is not", "ScannerDataBits 9 must be 5, 6, 7 or 8",
            "ScannerParity '3' must be None, Odd, Even, Mark, Space", "ScannerStopBits 'None' must be One, Two, OnePointFive",
            "ScannerHandshake 'rts' must be", "ScannerSuffix 'SPACE' must be NONE, CR, LF, CRLF, TAB or ETX", "ScannerPrefix '\\q' has a bad escape",
            "ScannerQuietGap must be between"];
        foreach (var key in keys)
        {
            Assert.Contains(failures, f => f.StartsWith("Terminals:2:" + key, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Quiet_gap_framing_makes_one_frame_per_burst_and_drops_an_overlong_burst_up_to_the_gap()
    {
        var framer = new QuietGapFramer(maxPayload: 8);
        var frames = new List<Frame>();

        framer.Feed("1234"u8, frames);
        framer.Feed("56"u8, frames);
        framer.Quiet(frames);
        framer.Feed("123456789"u8, frames);   // one byte too many
        framer.Feed("0"u8, frames);           // still the same burst: dropped
        framer.Quiet(frames);
        framer.Quiet(frames);                 // quiet with nothing collected: no frame
        framer.Feed("42"u8, frames);
        framer.Quiet(frames);

        Assert.Equal(["123456", "<overlong>", "42"], frames.Select(f => f.Overlong ? "<overlong>" : Encoding.ASCII.GetString(f.Payload)));
    }

    [Fact]
    public async Task Doctor_opens_a_scanner_with_its_preset_and_says_so()
    {
        using var dir = new TempDirectory();
        await using var pair = await SocatPair.StartAsync(dir.Path, "scan", TestContext.Current.CancellationToken);
        var settings = TestAgent.Settings(dir);
        settings["Terminals:0:TerminalId"] = "T01";
        settings["Terminals:0:TillPort"] = dir.File("no-till");
        settings["Terminals:0:ScannerPort"] = pair.AgentEnd;
        settings["Terminals:0:ScannerPreset"] = "cr-9600-7o1";
        using var host = TestAgent.Build(settings);
        using var output = new StringWriter();

        await Edge.Commands.DoctorCommand.Run(host.Services, output, TestContext.Current.CancellationToken);

        Assert.Contains($"✔ terminal T01 scanner {pair.AgentEnd}: opens as 9600 7-Odd-One, handshake None, suffix Cr", output.ToString(), StringComparison.Ordinal);
    }
}
