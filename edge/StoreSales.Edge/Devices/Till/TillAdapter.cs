using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using StoreSales.Contracts.Ingest;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Devices.Serial;
using StoreSales.Edge.Outbox;

namespace StoreSales.Edge.Devices.Till;

/// <summary>
/// Reads a till's structured line protocol (pipe or JSON lines, mixed freely) from its serial port, assembles
/// sales and puts each completed one in the outbox. Bad input is counted and logged, never fatal.
/// </summary>
public sealed partial class TillAdapter : IDeviceAdapter
{
    /// <summary>Longest line accepted, in bytes (without its CR LF).</summary>
    public const int MaxLineBytes = 4096;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _storeId;
    private readonly ISaleSink _sink;
    private readonly IOpenSaleJournal? _journal;
    private readonly IZReportSink? _zReports;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SerialPortReader _port;
    private readonly FrameSplitter _splitter = new("\n"u8, MaxLineBytes, trimTrailingCr: true);
    private readonly SaleAssembler _assembler;
    private readonly DeviceCounters _counters = TillCounters.Create();
    private readonly List<Frame> _frames = [];

    /// <summary>The serial line has no resend: a sale is written until the disk takes it.</summary>
    private readonly OutboxWriter _outboxWriter;

    public TillAdapter(TerminalOptions terminal, AgentOptions agent, ISaleSink sink, ILogger<TillAdapter> logger, TimeProvider time, IOpenSaleJournal? journal = null, IZReportSink? zReports = null)
    {
        _zReports = zReports;
        TerminalId = terminal.TerminalId;
        _storeId = agent.StoreId;
        _sink = sink;
        _journal = journal;
        _logger = logger;
        _time = time;
        _outboxWriter = new OutboxWriter(time, (ex, receipt, attempt) => LogOutboxWriteFailed(_logger, ex, _storeId, TerminalId, receipt, attempt));
        _assembler = new SaleAssembler(terminal.TerminalId, time);
        _port = new SerialPortReader(
            new SerialPortSettings(terminal.TillPort, terminal.BaudRate, agent.PortRetryDelay, agent.PortRetryMaxDelay),
            terminal.TerminalId,
            Kind,
            logger,
            time);
    }

    public string TerminalId { get; }

    public string Kind => "till";

    public string Source => _port.Path;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await ReplayOpenSaleAsync(cancellationToken);
        await _port.RunAsync(OnDataAsync, OnClosed, cancellationToken);
    }

    /// <summary>Resumes the sale that was in progress when the agent stopped (or was killed).</summary>
    private async Task ReplayOpenSaleAsync(CancellationToken cancellationToken)
    {
        var lines = _journal?.Read(TerminalId) ?? [];
        foreach (var text in lines)
        {
            if (TillLineParser.TryParse(text, out var line, out _))
            {
                await AcceptAsync(line!, text, journal: false, cancellationToken);
            }
        }

        if (lines.Count > 0)
        {
            LogResumed(_logger, _storeId, TerminalId, lines.Count);
        }
    }

    public DeviceSnapshot Snapshot()
    {
        var counters = new Dictionary<string, long>(_counters.ToDictionary())
        {
            [TillCounters.Opens] = _port.Opens,
            [TillCounters.PortFaults] = _port.Faults,
        };
        return new DeviceSnapshot(TerminalId, Kind, Source, _port.IsOpen, counters, _port.LastDataAt);
    }

    /// <summary>Feeds raw bytes as if read from the port (the serial reader calls this; so can a test or a fuzz run).</summary>
    internal async ValueTask OnDataAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        _splitter.Feed(data.Span, _frames);
        try
        {
            foreach (var frame in _frames)
            {
                await HandleFrameAsync(frame, cancellationToken);
            }
        }
        finally
        {
            _frames.Clear();
        }
    }

    private void OnClosed()
    {
        // A partial line cut by the disconnect is lost; an open sale stays open: the till may come back mid-sale.
        if (_splitter.Reset())
        {
            _counters.Increment(TillCounters.Malformed);
            LogMalformed(_logger, _storeId, TerminalId, "partial line cut by a disconnect", "");
        }
    }

    private async ValueTask HandleFrameAsync(Frame frame, CancellationToken cancellationToken)
    {
        if (frame.Overlong)
        {
            _counters.Increment(TillCounters.Lines);
            _counters.Increment(TillCounters.Malformed);
            _counters.Increment(TillCounters.Overlong);
            LogMalformed(_logger, _storeId, TerminalId, $"line longer than {MaxLineBytes} bytes, discarded", "");
            return;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(frame.Payload);
        }
        catch (DecoderFallbackException)
        {
            _counters.Increment(TillCounters.Lines);
            _counters.Increment(TillCounters.Malformed);
            LogMalformed(_logger, _storeId, TerminalId, "not valid UTF-8", Excerpt(Encoding.Latin1.GetString(frame.Payload)));
            return;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        _counters.Increment(TillCounters.Lines);
        if (!TillLineParser.TryParse(text, out var line, out var error))
        {
            _counters.Increment(TillCounters.Malformed);
            LogMalformed(_logger, _storeId, TerminalId, error!, Excerpt(text));
            return;
        }

        await AcceptAsync(line!, text, journal: true, cancellationToken);
    }

    private async ValueTask AcceptAsync(TillLine line, string text, bool journal, CancellationToken cancellationToken)
    {
        if (line is TillZReport z)
        {
            await AcceptZAsync(z, cancellationToken);
            return;
        }

        // Start and item lines are on disk before they count, so a crash mid-sale loses none of them.
        if (journal && _journal is not null && line is not TillSaleTotal)
        {
            if (line is TillSaleStart)
            {
                _journal.Clear(TerminalId);
            }

            _journal.Record(TerminalId, text);
        }

        var result = _assembler.Accept(line);
        switch (result.Outcome)
        {
            case TillLineOutcome.AbandonedAndStarted:
                _counters.Increment(TillCounters.Abandoned);
                LogAbandoned(_logger, _storeId, TerminalId, result.Abandoned!.ReceiptNumber, result.Abandoned.Lines.Count);
                break;
            case TillLineOutcome.NoOpenSale:
                _counters.Increment(TillCounters.Malformed);
                _counters.Increment(TillCounters.NoOpenSale);
                LogMalformed(_logger, _storeId, TerminalId, $"{(line is TillSaleTotal ? "total (T)" : "item (L)")} line without an open sale (no start before it)", Excerpt(text));
                break;
            case TillLineOutcome.Completed:
                var sequence = await _outboxWriter.WriteAsync(() => _sink.Append(result.Sale!), result.Sale!.ReceiptNumber, cancellationToken);
                _counters.Increment(TillCounters.Sales);
                var sale = result.Sale!;
                LogSaleCaptured(_logger, _storeId, TerminalId, sequence, sale.ReceiptNumber, sale.Kind, sale.Lines.Count, sale.Total);
                if (result.TotalMismatch)
                {
                    _counters.Increment(TillCounters.TotalMismatches);
                    LogTotalMismatch(_logger, _storeId, TerminalId, sequence, sale.Total, sale.Lines.Sum(l => l.Amount));
                }

                break;
        }
    }

    /// <summary>
    /// A Z closes the till's day; it is outside any sale, so an open sale stays open. Written until the disk takes it,
    /// like a sale: the till prints its Z once.
    /// </summary>
    private async ValueTask AcceptZAsync(TillZReport z, CancellationToken cancellationToken)
    {
        if (_zReports is null)
        {
            return;
        }

        var record = new ZReportRecord
        {
            TerminalId = TerminalId,
            BusinessDay = z.BusinessDay,
            ZNumber = z.ZNumber,
            ClosedAt = z.ClosedAt,
            CapturedAt = _time.GetUtcNow(),
            Count = z.Count,
            Gross = z.Gross,
            Returns = z.Returns,
            Voids = z.Voids,
            Tenders = z.Tenders,
        };
        var stored = await _outboxWriter.WriteAsync(() => _zReports.AppendZ(record) ? 1L : 0L, z.ZNumber, cancellationToken);
        _counters.Increment(stored == 1 ? TillCounters.ZReports : TillCounters.ZRepeats);
        LogZCaptured(_logger, _storeId, TerminalId, z.BusinessDay, z.ZNumber, z.Count, z.Gross, stored == 1);
    }

    private static string Excerpt(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, 80) + 1);
        foreach (var c in text.Length <= 80 ? text : text[..80])
        {
            builder.Append(char.IsControl(c) ? '·' : c);
        }

        return text.Length <= 80 ? builder.ToString() : builder.Append('…').ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId} terminal {TerminalId}: Z report for {BusinessDay} captured (number {ZNumber}, {Count} sales, gross {Gross}; new {Stored})")]
    private static partial void LogZCaptured(ILogger logger, string storeId, string terminalId, DateOnly businessDay, string? zNumber, int count, decimal gross, bool stored);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId} terminal {TerminalId}: resumed the sale in progress from {LineCount} journaled lines")]
    private static partial void LogResumed(ILogger logger, string storeId, string terminalId, int lineCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId} terminal {TerminalId} sequence {Sequence}: {Kind} captured, receipt {ReceiptNumber}, {LineCount} lines, total {Total}")]
    private static partial void LogSaleCaptured(ILogger logger, string storeId, string terminalId, long sequence, string? receiptNumber, string kind, int lineCount, decimal total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId} terminal {TerminalId} sequence {Sequence}: till total {Total} differs from the sum of its lines {LineSum}; kept as the till said")]
    private static partial void LogTotalMismatch(ILogger logger, string storeId, string terminalId, long sequence, decimal total, decimal lineSum);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId} terminal {TerminalId}: malformed till line ignored: {Reason} [{Excerpt}]")]
    private static partial void LogMalformed(ILogger logger, string storeId, string terminalId, string reason, string excerpt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId} terminal {TerminalId}: sale with receipt {ReceiptNumber} abandoned after {LineCount} lines (a new S line came before its T line)")]
    private static partial void LogAbandoned(ILogger logger, string storeId, string terminalId, string? receiptNumber, int lineCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Store {StoreId} terminal {TerminalId}: cannot write the sale with receipt {ReceiptNumber} to the outbox (attempt {Attempt}); retrying")]
    private static partial void LogOutboxWriteFailed(ILogger logger, Exception exception, string storeId, string terminalId, string? receiptNumber, int attempt);
}
