using System.Text;
using Microsoft.Extensions.Logging;
using StoreSales.Domain.Barcodes;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Devices.Serial;

namespace StoreSales.Edge.Devices.Scanner;

/// <summary>
/// Reads a serial barcode scanner: one barcode per frame, ended by the configured suffix (CR, CRLF or LF).
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
    private readonly FrameSplitter _splitter;
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

        if (!ScannerSuffix.TryParse(terminal.ScannerSuffix, out var suffix))
        {
            throw new ArgumentException($"Terminal {terminal.TerminalId}: unknown ScannerSuffix '{terminal.ScannerSuffix}'.", nameof(terminal));
        }

        TerminalId = terminal.TerminalId;
        _storeId = agent.StoreId;
        _logger = logger;
        _time = time;
        _scanOptions = scanOptions ?? new ScanDecoderOptions();
        _intake = new ScanIntake(agent.StoreId, terminal.TerminalId, _scanOptions, _counters, sink, logger);
        _splitter = new FrameSplitter(suffix, MaxFrameBytes);
        _port = new SerialPortReader(
            new SerialPortSettings(terminal.ScannerPort, terminal.BaudRate, agent.PortRetryDelay, agent.PortRetryMaxDelay),
            terminal.TerminalId,
            Kind,
            logger,
            time);
    }

    public string TerminalId { get; }

    public string Kind => "scanner";

    public string Source => _port.Path;

    public Task RunAsync(CancellationToken cancellationToken) => _port.RunAsync(OnDataAsync, () => _splitter.Reset(), cancellationToken);

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
        _splitter.Feed(data.Span, _frames);
        foreach (var frame in _frames)
        {
            Handle(frame);
        }

        _frames.Clear();
        return ValueTask.CompletedTask;
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

        _counters.Increment(ScannerCounters.Frames);
        var now = _time.GetUtcNow();
        _intake.Take(code, now, out _);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId} terminal {TerminalId}: scanner frame longer than {Max} bytes without a suffix, discarded")]
    private static partial void LogOverlong(ILogger logger, string storeId, string terminalId, int max);



}
