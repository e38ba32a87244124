using Microsoft.Extensions.Logging;
using StoreSales.Domain.Barcodes;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Devices.Scanner;

namespace StoreSales.Edge.Devices.Hid;

/// <summary>
/// Reads a USB keyboard-wedge ("HID") barcode scanner on Linux from its evdev device, side by side with the POS,
/// which gets the same keystrokes (unless <see cref="TerminalOptions.HidGrab"/>). Scanner bursts ended by Enter
/// become scans, hand typing on the same device is discarded (<see cref="HidScannerCounters.Typed"/>). A scan is
/// handled like a serial scanner's frame: decoded by <see cref="ScanDecoder"/> with the <c>Barcodes:Scan</c> options,
/// counted by what it is (<see cref="ScannerCounters.For"/>), a valid scan goes to the <see cref="IScanSink"/>, a
/// wrong check digit is counted, never corrected.
/// </summary>
public sealed partial class HidScannerAdapter : IDeviceAdapter
{
    /// <summary>Longest scan accepted, in characters.</summary>
    public const int MaxScanLength = 256;

    private readonly string _storeId;
    private readonly string _layoutKey;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly EvdevReader _reader;
    private readonly DeviceCounters _counters = HidScannerCounters.Create();
    private readonly HidScanDecoder _decoder;
    private readonly ScanDecoderOptions _scanOptions;
    private readonly ScanIntake _intake;

    /// <param name="scanOptions">How to decode scans (<c>Barcodes:Scan</c>); the defaults when null.</param>
    public HidScannerAdapter(TerminalOptions terminal, AgentOptions agent, IScanSink sink, ILogger<HidScannerAdapter> logger, TimeProvider time, ScanDecoderOptions? scanOptions = null)
    {
        if (string.IsNullOrWhiteSpace(terminal.HidScanner))
        {
            throw new ArgumentException($"Terminal {terminal.TerminalId} has no HidScanner.", nameof(terminal));
        }

        if (!KeyboardLayout.TryGet(terminal.HidLayout, out var layout))
        {
            throw new ArgumentException($"Terminal {terminal.TerminalId}: unknown HidLayout '{terminal.HidLayout}'.", nameof(terminal));
        }

        TerminalId = terminal.TerminalId;
        _storeId = agent.StoreId;
        _layoutKey = terminal.HidLayout;
        _logger = logger;
        _time = time;
        _scanOptions = scanOptions ?? new ScanDecoderOptions();
        _intake = new ScanIntake(agent.StoreId, terminal.TerminalId, _scanOptions, _counters, sink, logger);
        _decoder = new HidScanDecoder(layout, terminal.HidMaxKeyGap, MaxScanLength, _counters);
        _reader = new EvdevReader(
            new EvdevReaderSettings(terminal.HidScanner, terminal.HidGrab, agent.PortRetryDelay, agent.PortRetryMaxDelay),
            terminal.TerminalId,
            Kind,
            logger,
            time);
    }

    public string TerminalId { get; }

    public string Kind => "hid-scanner";

    public string Source => _reader.Path;

    public KeyboardLayout Layout => _decoder.Layout;

    /// <summary>Whether the open device is grabbed exclusively.</summary>
    public GrabState Grab => _reader.Grab;

    public Task RunAsync(CancellationToken cancellationToken) => _reader.RunAsync(OnEvent, _decoder.Reset, cancellationToken);

    public DeviceSnapshot Snapshot()
    {
        var counters = new Dictionary<string, long>(_counters.ToDictionary())
        {
            [HidScannerCounters.GarbageBytes] = _reader.GarbageBytes,
            [ScannerCounters.Opens] = _reader.Opens,
            [ScannerCounters.PortFaults] = _reader.Faults,
        };
        return new DeviceSnapshot(TerminalId, Kind, Source, _reader.IsOpen, counters, _reader.LastDataAt);
    }

    /// <summary>Takes one event as if read from the device.</summary>
    internal void OnEvent(InputEvent e)
    {
        var entry = _decoder.Feed(e);
        if (entry.Typed)
        {
            LogTyped(_logger, _storeId, TerminalId);
        }

        switch (entry.Kind)
        {
            case ScanEntryKind.Overlong:
                LogOverlong(_logger, _storeId, TerminalId, MaxScanLength);
                break;
            case ScanEntryKind.Scan:
                Handle(entry.Text ?? "", entry.Unreadable);
                break;
        }
    }

    private void Handle(string code, bool unreadable)
    {
        try
        {
            Classify(code, unreadable);
        }
        finally
        {
            // Counted once classified: a heartbeat that counts this frame also counts what it turned out to be.
            _counters.Increment(ScannerCounters.Frames);
        }
    }

    private void Classify(string code, bool unreadable)
    {
        if (unreadable)
        {
            _counters.Increment(ScannerCounters.Unrecognized);
            LogUnreadable(_logger, _storeId, TerminalId, Layout.Name);
            return;
        }

        var now = _time.GetUtcNow();
        if (_intake.Take(code, now, out _))
        {
            return;
        }

        // The same keys on another layout: "&é\"'(-è_çà" on fr is 1234567890 typed by a US-set scanner.
        foreach (var other in KeyboardLayout.All)
        {
            if (other != Layout && Layout.Reread(code, other) is { } reread && ScanDecoder.Decode(reread, _scanOptions, now.Year, TerminalId) is { Valid: true, Kind: not ScanKind.Member })
            {
                _counters.Increment(HidScannerCounters.LayoutMismatches);
                LogLayoutMismatch(_logger, _storeId, TerminalId, Layout.Name, reread, other.Name, _layoutKey);
                break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Store {StoreId} terminal {TerminalId}: hand-typed keys on the HID scanner discarded")]
    private static partial void LogTyped(ILogger logger, string storeId, string terminalId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId} terminal {TerminalId}: HID scan longer than {Max} characters, discarded")]
    private static partial void LogOverlong(ILogger logger, string storeId, string terminalId, int max);




    [LoggerMessage(Level = LogLevel.Debug, Message = "Store {StoreId} terminal {TerminalId}: scan held keys with no character on layout {Layout}")]
    private static partial void LogUnreadable(ILogger logger, string storeId, string terminalId, string layout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId} terminal {TerminalId}: a scan read on layout {Layout} decodes to nothing valid, but on layout {Other} it is {Code}: check HidLayout (now '{Configured}') and the scanner's keyboard-country setting")]
    private static partial void LogLayoutMismatch(ILogger logger, string storeId, string terminalId, string layout, string code, string other, string configured);
}
