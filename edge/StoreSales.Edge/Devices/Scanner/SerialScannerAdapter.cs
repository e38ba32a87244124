using System.Text;
using Microsoft.Extensions.Logging;
using StoreSales.Domain.Barcodes;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Devices.Serial;

namespace StoreSales.Edge.Devices.Scanner;

/// <summary>
/// Reads a serial barcode scanner: one barcode per frame, ended by the configured suffix (CR, LF, CRLF, TAB, STX…ETX)
/// or, with no suffix, by the line going quiet (<see cref="ScannerLine"/>: preset and explicit keys). A configured
/// fixed prefix is stripped; a frame without it, an ETX frame without its STX, or one holding control bytes other
/// than GS (the FNC1 of GS1 element strings) is garbage: counted, logged, not decoded.
/// Each frame is decoded by <see cref="ScanDecoder"/> with the <c>Barcodes:Scan</c> options (AIM prefix, member
/// code, GS1 element string, GTIN / variable measure) and counted by what it is (<see cref="ScannerCounters.For"/>).
/// A wrong check digit is counted, never corrected. Valid scans go to the <see cref="IScanSink"/>.
/// </summary>
public sealed partial class SerialScannerAdapter : IDeviceAdapter
{
    /// <summary>Longest barcode payload accepted, in bytes.</summary>
    public const int MaxFrameBytes = 256;

    private readonly string _storeId;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SerialPortReader _port;
    private readonly FrameSplitter? _splitter;
    private readonly QuietGapFramer? _quietFramer;
    private readonly ScannerLine _line;
    private readonly byte _dataMask;
    private readonly DeviceCounters _counters = ScannerCounters.Create();
    private readonly List<Frame> _frames = [];
    private readonly ScanDecoderOptions _scanOptions;
    private readonly ScanIntake _intake;

    /// <param name="scanOptions">How to decode scans (<c>Barcodes:Scan</c>); the defaults when null.</param>
    public SerialScannerAdapter(TerminalOptions terminal, AgentOptions agent, IScanSink sink, ILogger<SerialScannerAdapter> logger, TimeProvider time, ScanDecoderOptions? scanOptions = null)
    {
        if (string.IsNullOrWhiteSpace(terminal.ScannerPort))
        {
            throw new ArgumentException($"Terminal {terminal.TerminalId} has no ScannerPort.", nameof(terminal));
        }

        var problems = new List<string>();
        _line = ScannerLine.Resolve(terminal, $"Terminal {terminal.TerminalId}", problems)
            ?? throw new ArgumentException(string.Join(" ", problems), nameof(terminal));

        // With fewer data bits, a UART may hand over the parity or noise in the unused high bits: keep only the data.
        _dataMask = (byte)((1 << _line.DataBits) - 1);

        TerminalId = terminal.TerminalId;
        _storeId = agent.StoreId;
        _logger = logger;
        _time = time;
        _scanOptions = scanOptions ?? new ScanDecoderOptions();
        _intake = new ScanIntake(agent.StoreId, terminal.TerminalId, _scanOptions, _counters, sink, logger);
        if (_line.Suffix == ScannerSuffixKind.None)
        {
            _quietFramer = new QuietGapFramer(MaxFrameBytes);
        }
        else
        {
            // Room for the STX of an STX…ETX frame on top of the payload.
            _splitter = new FrameSplitter(_line.Terminator, MaxFrameBytes + (_line.Suffix == ScannerSuffixKind.Etx ? 1 : 0) + (_line.Prefix?.Length ?? 0));
        }

        _port = new SerialPortReader(
            new SerialPortSettings(terminal.ScannerPort, _line.BaudRate, agent.PortRetryDelay, agent.PortRetryMaxDelay)
            {
                DataBits = _line.DataBits,
                Parity = _line.Parity,
                StopBits = _line.StopBits,
                Handshake = _line.Handshake,
                QuietGap = _quietFramer is null ? null : _line.QuietGap,
            },
            terminal.TerminalId,
            Kind,
            logger,
            time);
    }

    public string TerminalId { get; }

    public string Kind => "scanner";

    public string Source => _port.Path;

    /// <summary>The scanner's resolved line settings.</summary>
    public ScannerLine Line => _line;

    public Task RunAsync(CancellationToken cancellationToken) =>
        _port.RunAsync(OnDataAsync, ResetFraming, cancellationToken, _quietFramer is null ? null : OnQuiet);

    public DeviceSnapshot Snapshot()
    {
        var counters = new Dictionary<string, long>(_counters.ToDictionary())
        {
            [ScannerCounters.Opens] = _port.Opens,
            [ScannerCounters.PortFaults] = _port.Faults,
        };
        return new DeviceSnapshot(TerminalId, Kind, Source, _port.IsOpen, counters, _port.LastDataAt);
    }

    /// <summary>Feeds raw bytes as if read from the port.</summary>
    internal ValueTask OnDataAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var bytes = data.Span;
        if (_dataMask != 0xFF)
        {
            var masked = bytes.ToArray();
            for (var i = 0; i < masked.Length; i++)
            {
                masked[i] &= _dataMask;
            }

            bytes = masked;
        }

        if (_quietFramer is not null)
        {
            _quietFramer.Feed(bytes, _frames);
        }
        else
        {
            _splitter!.Feed(bytes, _frames);
        }

        HandleFrames();
        return ValueTask.CompletedTask;
    }

    /// <summary>The line went quiet (suffix NONE): what arrived is one code.</summary>
    internal void OnQuiet()
    {
        _quietFramer?.Quiet(_frames);
        HandleFrames();
    }

    private void ResetFraming()
    {
        _splitter?.Reset();
        _quietFramer?.Reset();
    }

    private void HandleFrames()
    {
        foreach (var frame in _frames)
        {
            Handle(frame);
        }

        _frames.Clear();
    }

    private void Handle(Frame frame)
    {
        if (frame.Overlong)
        {
            _counters.Increment(ScannerCounters.Overlong);
            LogOverlong(_logger, _storeId, TerminalId, MaxFrameBytes);
            return;
        }

        // A scanner set to CR that actually sends CR LF leaves the LF at the start of the next frame: trim it.
        var code = Encoding.Latin1.GetString(frame.Payload).Trim('\r', '\n', ' ', '\t', '\0');
        if (code.Length == 0)
        {
            return;
        }

        if (Unwrap(code) is { } unwrapped)
        {
            _intake.Take(unwrapped, _time.GetUtcNow(), out _);
        }

        // Counted once classified: a heartbeat that counts this frame also counts what it turned out to be.
        _counters.Increment(ScannerCounters.Frames);
    }

    /// <summary>Strips the STX of an STX…ETX frame and the configured prefix; null (counted as garbage) when one is missing or control bytes remain.</summary>
    private string? Unwrap(string code)
    {
        string? problem = null;
        if (_line.Suffix == ScannerSuffixKind.Etx)
        {
            var stx = code.LastIndexOf((char)ScannerLine.Stx);
            if (stx < 0)
            {
                problem = "no STX before the ETX";
            }
            else
            {
                // Bytes before the STX are line noise between two frames.
                code = code[(stx + 1)..];
            }
        }

        if (problem is null && _line.Prefix is { } prefix)
        {
            if (code.StartsWith(prefix, StringComparison.Ordinal))
            {
                code = code[prefix.Length..];
            }
            else
            {
                problem = "the configured prefix is missing";
            }
        }

        if (problem is null && code.Any(c => c < ' ' && c != '\u001D'))
        {
            problem = "control bytes other than GS";
        }

        if (problem is null)
        {
            return code;
        }

        _counters.Increment(ScannerCounters.Garbage);
        LogGarbage(_logger, _storeId, TerminalId, problem, code.Length);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId} terminal {TerminalId}: scanner frame discarded as garbage: {Problem} ({Length} characters)")]
    private static partial void LogGarbage(ILogger logger, string storeId, string terminalId, string problem, int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId} terminal {TerminalId}: scanner frame longer than {Max} bytes without a suffix, discarded")]
    private static partial void LogOverlong(ILogger logger, string storeId, string terminalId, int max);
}
