using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StoreSales.Contracts.Ingest;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Devices.Serial;
using StoreSales.Domain.Sales;
using StoreSales.Edge.Devices.Scanner;
using StoreSales.Edge.Outbox;

namespace StoreSales.Edge.Devices.Receipts;

/// <summary>
/// Receipt capture: reads what a POS sends to its receipt printer (ESC/POS on a serial line), optionally
/// forwards every byte unchanged to the real printer first (pass-through, with the printer's status replies
/// relayed back), cuts the stream into receipts, reads each with the terminal's <see cref="CompiledReceiptProfile"/>
/// and puts the sale in the outbox; a printed day-end report (the profile's <c>ZReport</c>) goes to the outbox's Z
/// reports like the structured till's <c>Z</c> record. A receipt the profile cannot read is kept whole in the outbox database
/// (<c>unparsed_receipts</c>), counted and logged; none is dropped. Bad input never ends the adapter.
/// </summary>
public sealed partial class ReceiptAdapter : IDeviceAdapter
{
    /// <summary>Longest a forward to the printer or a reply to the POS may take before its bytes count as dropped.</summary>
    public static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(2);

    private readonly string _storeId;
    private readonly ISaleSink _sales;
    private readonly IUnparsedReceiptSink _unparsed;
    private readonly IZReportSink? _zReports;

    // The terminal's scans since its previous receipt, to complete lines printed without a code; null without scanners.
    private readonly ScansSinceReceipt? _scans;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SerialPortReader _port;
    private readonly SerialPortReader? _printer;
    private readonly ReceiptCapture _capture;
    private readonly DeviceCounters _counters = ReceiptCounters.Create();
    private readonly List<CapturedReceipt> _receipts = [];

    /// <summary>The printer line has no resend: a receipt is written until the disk takes it.</summary>
    private readonly OutboxWriter _outboxWriter;
    private long _bytes;
    private long _forwarded;
    private long _forwardDropped;
    private long _replies;
    private bool _forwarding = true;

    public ReceiptAdapter(
        TerminalOptions terminal,
        AgentOptions agent,
        CompiledReceiptProfile profile,
        ISaleSink sales,
        IUnparsedReceiptSink unparsed,
        ILogger<ReceiptAdapter> logger,
        TimeProvider time,
        ScansSinceReceipt? scans = null,
        IZReportSink? zReports = null)
    {
        _scans = scans;
        _zReports = zReports;
        ArgumentException.ThrowIfNullOrWhiteSpace(terminal.ReceiptPort, nameof(terminal));
        TerminalId = terminal.TerminalId;
        _storeId = agent.StoreId;
        _sales = sales;
        _unparsed = unparsed;
        _logger = logger;
        _time = time;
        _outboxWriter = new OutboxWriter(time, (ex, receipt, attempt) => LogOutboxWriteFailed(_logger, ex, _storeId, TerminalId, receipt, attempt));
        _capture = new ReceiptCapture(profile, terminal.TerminalId, time);
        _port = new SerialPortReader(
            new SerialPortSettings(terminal.ReceiptPort, terminal.BaudRate, agent.PortRetryDelay, agent.PortRetryMaxDelay),
            terminal.TerminalId,
            Kind,
            logger,
            time);
        if (!string.IsNullOrWhiteSpace(terminal.ReceiptPassThroughPort))
        {
            _printer = new SerialPortReader(
                new SerialPortSettings(terminal.ReceiptPassThroughPort, terminal.BaudRate, agent.PortRetryDelay, agent.PortRetryMaxDelay),
                terminal.TerminalId,
                "receipt printer",
                logger,
                time);
        }
    }

    /// <summary>The adapter for <paramref name="terminal"/>'s <c>ReceiptPort</c>, its profile loaded (already checked at start).</summary>
    internal static ReceiptAdapter Create(TerminalOptions terminal, AgentOptions agent, IServiceProvider services)
    {
        var contentRoot = services.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
        var errors = new List<string>();
        var profile = ReceiptProfiles.TryLoad(terminal.Receipt ?? new ReceiptOptions(), contentRoot, errors)
            ?? throw new InvalidOperationException($"Terminal {terminal.TerminalId}: receipt profile configuration: {string.Join("; ", errors)}");
        return new ReceiptAdapter(
            terminal,
            agent,
            profile,
            services.GetRequiredService<ISaleSink>(),
            services.GetRequiredService<IUnparsedReceiptSink>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger<ReceiptAdapter>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetService<ScansSinceReceipt>(),
            services.GetService<IZReportSink>());
    }

    public string TerminalId { get; }

    public string Kind => "receipt";

    public string Source => _port.Path;

    /// <summary>The real printer's port, when receipts are passed through.</summary>
    public string? PassThroughPort => _printer?.Path;

    public CompiledReceiptProfile Profile => _capture.Profile;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_printer is null)
            {
                await _port.RunAsync(OnDataAsync, OnClosed, cancellationToken);
            }
            else
            {
                // Both directions until shutdown; if one fails unexpectedly, the other stops too and the host restarts the adapter.
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                Task[] directions =
                [
                    _port.RunAsync(OnDataAsync, OnClosed, stop.Token),
                    _printer.RunAsync(OnPrinterReplyAsync, static () => { }, stop.Token),
                ];
                await Task.WhenAny(directions);
                await stop.CancelAsync();
                await Task.WhenAll(directions);
            }
        }
        finally
        {
            if (cancellationToken.IsCancellationRequested)
            {
                FlushOnStop();
            }
        }
    }

    public DeviceSnapshot Snapshot()
    {
        var stripper = _capture.Stripper;
        var counters = new Dictionary<string, long>(_counters.ToDictionary())
        {
            [ReceiptCounters.Bytes] = Interlocked.Read(ref _bytes),
            [ReceiptCounters.Cuts] = stripper.Cuts,
            [ReceiptCounters.UnknownCommands] = stripper.UnknownCommands,
            [ReceiptCounters.ForwardedBytes] = Interlocked.Read(ref _forwarded),
            [ReceiptCounters.ForwardDroppedBytes] = Interlocked.Read(ref _forwardDropped),
            [ReceiptCounters.PrinterReplyBytes] = Interlocked.Read(ref _replies),
            [ReceiptCounters.Opens] = _port.Opens,
            [ReceiptCounters.PortFaults] = _port.Faults,
        };
        if (_printer is not null)
        {
            counters[ReceiptCounters.PrinterOpens] = _printer.Opens;
            counters[ReceiptCounters.PrinterPortFaults] = _printer.Faults;
        }

        return new DeviceSnapshot(TerminalId, Kind, Source, _port.IsOpen && (_printer?.IsOpen ?? true), counters, _port.LastDataAt);
    }

    /// <summary>Bytes from the POS: forwarded to the printer first, then parsed (the serial reader calls this; so can a test).</summary>
    internal async ValueTask OnDataAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _bytes, data.Length);
        if (_printer is not null)
        {
            await ForwardAsync(data, cancellationToken);
        }

        _capture.Feed(data.Span, _receipts);
        try
        {
            foreach (var receipt in _receipts)
            {
                await HandleAsync(receipt, cancellationToken);
            }
        }
        finally
        {
            _receipts.Clear();
        }
    }

    private async ValueTask ForwardAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (await _printer!.TryWriteAsync(data, WriteTimeout, cancellationToken))
        {
            Interlocked.Add(ref _forwarded, data.Length);
            if (!_forwarding)
            {
                _forwarding = true;
                LogForwardingResumed(_logger, _storeId, TerminalId, _printer.Path);
            }

            return;
        }

        Interlocked.Add(ref _forwardDropped, data.Length);
        if (_forwarding)
        {
            // Once per outage: the receipt is still captured, but the customer's paper copy is not printed.
            _forwarding = false;
            LogForwardFailed(_logger, _storeId, TerminalId, _printer.Path, data.Length);
        }
    }

    private async ValueTask OnPrinterReplyAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        // Status replies (DLE EOT, automatic status back) go back to the POS, which may wait for them.
        if (await _port.TryWriteAsync(data, WriteTimeout, cancellationToken))
        {
            Interlocked.Add(ref _replies, data.Length);
        }
    }

    private void OnClosed() => _capture.Interrupt();

    private async ValueTask HandleAsync(CapturedReceipt receipt, CancellationToken cancellationToken)
    {
        var (document, result) = receipt;
        _counters.Increment(ReceiptCounters.Documents);
        if (document.UndecodableCharacters > 0)
        {
            _counters.Increment(ReceiptCounters.DecodeErrors);
        }

        if (result.TotalMismatch)
        {
            _counters.Increment(ReceiptCounters.TotalMismatches);
        }

        switch (result.Outcome)
        {
            case ReceiptOutcome.Sale:
                var sale = CompleteFromScans(result);
                var sequence = await _outboxWriter.WriteAsync(() => _sales.Append(sale), sale.ReceiptNumber, cancellationToken);
                _counters.Increment(ReceiptCounters.Sales);
                LogSaleCaptured(_logger, _storeId, TerminalId, sequence, sale.ReceiptNumber, sale.Kind, sale.Lines.Count, sale.Total);
                if (result.TenderMismatch)
                {
                    _counters.Increment(ReceiptCounters.TenderMismatches);
                    LogTenderMismatch(_logger, _storeId, TerminalId, sequence, sale.Total, sale.Tenders.Sum(t => t.Amount));
                }

                if (result.TotalMismatch)
                {
                    LogTotalMismatch(_logger, _storeId, TerminalId, sequence, sale.Total, sale.Lines.Sum(l => l.Amount));
                }

                break;

            case ReceiptOutcome.ZReport when _zReports is not null:
                var z = result.ZReport!;
                var stored = await _outboxWriter.WriteAsync(() => _zReports.AppendZ(z) ? 1L : 0L, z.ZNumber, cancellationToken);
                _counters.Increment(stored == 1 ? ReceiptCounters.ZReports : ReceiptCounters.ZRepeats);
                LogZCaptured(_logger, _storeId, TerminalId, z.BusinessDay, z.ZNumber, z.Count, z.Gross, stored == 1);
                break;

            case ReceiptOutcome.ZReport:
                // No Z store (a test host without an outbox's Z table): kept whole rather than lost.
                var unstored = Unparsed(document, "a Z report, and this agent has no Z report store");
                CountUnparsed(document, unstored.Reason, await _outboxWriter.WriteAsync(() => _unparsed.KeepUnparsed(unstored), null, cancellationToken));
                break;

            case ReceiptOutcome.Unparsed:
                var kept = Unparsed(document, result.Reason!);
                var id = await _outboxWriter.WriteAsync(() => _unparsed.KeepUnparsed(kept), null, cancellationToken);
                CountUnparsed(document, result.Reason!, id);
                break;

            default:
                _counters.Increment(ReceiptCounters.Ignored);
                LogIgnored(_logger, _storeId, TerminalId, document.Lines.Count, Excerpt(document.Text));
                break;
        }
    }

    /// <summary>
    /// Every receipt closes its terminal's scan window; one printed without item codes takes its codes from the scans
    /// of that window when they match it line for line (<see cref="ScanLineCompletion"/>), else stays as printed.
    /// </summary>
    private SaleRecord CompleteFromScans(ReceiptParseResult result)
    {
        var sale = result.Sale!;
        var scans = _scans?.Take(TerminalId) ?? [];
        if (result.CodelessLines.Count == 0 || sale.Kind != SaleKinds.Sale || _scans is null)
        {
            return sale;
        }

        var codeless = result.CodelessLines.ToHashSet();
        var completion = ScanLineCompletion.Complete(
            [.. sale.Lines.Select(l => new PrintedLine(l.ItemCode, l.Quantity, !codeless.Contains(l.LineNumber)))],
            scans);
        if (!completion.Applied)
        {
            _counters.Increment(ReceiptCounters.ScanCompletionMismatches);
            LogNotCompleted(_logger, _storeId, TerminalId, sale.ReceiptNumber, completion.Reason!);
            return sale;
        }

        for (var i = 0; i < completion.Completed; i++)
        {
            _counters.Increment(ReceiptCounters.LinesCompletedFromScans);
        }

        return sale with { Lines = [.. sale.Lines.Select((l, i) => l with { ItemCode = completion.Codes![i] })] };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId} terminal {TerminalId} receipt {Receipt}: lines printed without a code kept as printed, the scans since the previous receipt do not match: {Reason}")]
    private static partial void LogNotCompleted(ILogger logger, string storeId, string terminalId, string? receipt, string reason);

    /// <summary>Shutdown: a receipt still being printed is parsed as it stands and stored (one attempt each).</summary>
    private void FlushOnStop()
    {
        var receipts = new List<CapturedReceipt>();
        _capture.Complete(receipts);
        foreach (var (document, result) in receipts)
        {
            try
            {
                if (result.Outcome == ReceiptOutcome.Sale)
                {
                    _sales.Append(result.Sale!);
                    _counters.Increment(ReceiptCounters.Sales);
                }
                else if (result.Outcome == ReceiptOutcome.ZReport && _zReports is not null)
                {
                    _counters.Increment(_zReports.AppendZ(result.ZReport!) ? ReceiptCounters.ZReports : ReceiptCounters.ZRepeats);
                }
                else if (result.Outcome == ReceiptOutcome.Unparsed)
                {
                    var id = _unparsed.KeepUnparsed(Unparsed(document, result.Reason!));
                    CountUnparsed(document, result.Reason!, id);
                }
            }
            catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException or ObjectDisposedException)
            {
                LogFlushFailed(_logger, ex, _storeId, TerminalId, Excerpt(document.Text));
            }
        }
    }

    private UnparsedReceipt Unparsed(ReceiptDocument document, string reason) =>
        new(TerminalId, _time.GetUtcNow(), reason, document.Raw, document.Text);

    private void CountUnparsed(ReceiptDocument document, string reason, long id)
    {
        _counters.Increment(ReceiptCounters.UnparsedReceipts);
        if (document.End == ReceiptEnd.Overlong)
        {
            _counters.Increment(ReceiptCounters.OverlongReceipts);
        }

        LogUnparsed(_logger, _storeId, TerminalId, id, reason, document.Raw.Length, Excerpt(document.Text));
    }

    private static string Excerpt(string text)
    {
        var flat = text.Length <= 120 ? text : text[..120];
        var builder = new StringBuilder(flat.Length + 1);
        foreach (var c in flat)
        {
            builder.Append(c == '\n' ? '⏎' : char.IsControl(c) ? '·' : c);
        }

        return text.Length <= 120 ? builder.ToString() : builder.Append('…').ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId} terminal {TerminalId}: Z report for {BusinessDay} captured from the printer (number {ZNumber}, {Count} sales, gross {Gross}; new {Stored})")]
    private static partial void LogZCaptured(ILogger logger, string storeId, string terminalId, DateOnly businessDay, string? zNumber, int count, decimal gross, bool stored);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId} terminal {TerminalId} sequence {Sequence}: {Kind} captured from a printed receipt, receipt {ReceiptNumber}, {LineCount} lines, total {Total}")]
    private static partial void LogSaleCaptured(ILogger logger, string storeId, string terminalId, long sequence, string? receiptNumber, string kind, int lineCount, decimal total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId} terminal {TerminalId}: printed receipt not understood, kept as unparsed receipt {Id}: {Reason} ({Bytes} bytes) [{Excerpt}]")]
    private static partial void LogUnparsed(ILogger logger, string storeId, string terminalId, long id, string reason, int bytes, string excerpt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Store {StoreId} terminal {TerminalId}: printed text outside any receipt ignored ({LineCount} lines) [{Excerpt}]")]
    private static partial void LogIgnored(ILogger logger, string storeId, string terminalId, int lineCount, string excerpt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId} terminal {TerminalId} sequence {Sequence}: receipt total {Total} differs from the sum of its lines {LineSum}; kept as printed (profile accepts mismatches)")]
    private static partial void LogTotalMismatch(ILogger logger, string storeId, string terminalId, long sequence, decimal total, decimal lineSum);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId} terminal {TerminalId} sequence {Sequence}: receipt tenders {TenderSum} (less change) differ from its total {Total}; kept as printed")]
    private static partial void LogTenderMismatch(ILogger logger, string storeId, string terminalId, long sequence, decimal total, decimal tenderSum);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId} terminal {TerminalId}: cannot forward to the receipt printer on {Path}; {Bytes} bytes not printed (receipts are still captured; further drops are counted, not logged, until forwarding works again)")]
    private static partial void LogForwardFailed(ILogger logger, string storeId, string terminalId, string path, int bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId} terminal {TerminalId}: forwarding to the receipt printer on {Path} works again")]
    private static partial void LogForwardingResumed(ILogger logger, string storeId, string terminalId, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Store {StoreId} terminal {TerminalId}: cannot write receipt {ReceiptNumber} to the outbox database (attempt {Attempt}); retrying")]
    private static partial void LogOutboxWriteFailed(ILogger logger, Exception exception, string storeId, string terminalId, string? receiptNumber, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Store {StoreId} terminal {TerminalId}: at shutdown, cannot store the receipt being printed [{Excerpt}]")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string storeId, string terminalId, string excerpt);
}
