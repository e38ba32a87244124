using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Contracts.Ingest;
using StoreSales.Domain.Barcodes;
using StoreSales.Domain.HotItems;
using StoreSales.Domain.Sales;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Devices.Scanner;
using StoreSales.Edge.Upload;

namespace StoreSales.Edge.Outbox;

/// <summary>
/// The scan sink: every valid scan goes to the outbox (<see cref="ScanQueue"/>) and from there to the server. The
/// scanner's read loop only hands the scan over (no disk wait on the scanner line); one writer wakes on the first scan,
/// gathers for <see cref="AgentOptions.ScanWriteWindow"/> and stores whatever scans are waiting in one transaction, so
/// 8 terminals scanning 20 times a second cost ten syncs and ten wake-ups a second, not 160, and the sales' writes to
/// the same database are not queued behind a sync per scan. A scan counts as stored only once committed; a crash loses
/// at most the scans of the window in progress (a stop stores them); a disk that refuses writes is retried
/// (<see cref="OutboxWriter"/>) while up to <see cref="BufferedScans"/> scans wait, and a scan beyond that is dropped,
/// counted and logged.
/// </summary>
public sealed partial class OutboxScans : BackgroundService, IScanSink
{
    /// <summary>Scans held in memory while the disk refuses writes (about 1 minute of 8 terminals at 20 scans/s).</summary>
    public const int BufferedScans = 10_000;

    // One transaction's worth: bounds how long a write holds the database from the sales.
    private const int MaxScansPerWrite = 1000;

    private readonly Channel<ScanRecord> _waiting = Channel.CreateBounded<ScanRecord>(
        new BoundedChannelOptions(BufferedScans) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly SqliteOutbox _outbox;
    private readonly ScanCounters _counters;
    private readonly ILogger<OutboxScans> _logger;
    private readonly string _storeId;
    private readonly OutboxWriter _writer;

    private readonly ScansSinceReceipt _sinceReceipt;
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;

    public OutboxScans(SqliteOutbox outbox, ScanCounters counters, ScansSinceReceipt sinceReceipt, IOptions<AgentOptions> agent, ILogger<OutboxScans> logger, TimeProvider time)
    {
        _sinceReceipt = sinceReceipt;
        _outbox = outbox;
        _counters = counters;
        _logger = logger;
        _storeId = agent.Value.StoreId;
        _time = time;
        _window = agent.Value.ScanWriteWindow;
        _writer = new OutboxWriter(time, (ex, _, attempt) => LogWriteFailed(logger, ex, _storeId, attempt));
    }

    /// <summary>Scans handed over and not yet stored (gathering for the next write, or waiting for the disk).</summary>
    internal int Waiting => _waiting.Reader.Count;

    public void OnScan(string terminalId, DecodedScan scan, DateTimeOffset scannedAt)
    {
        if (ScanCode.Of(scan) is not { } code)
        {
            return;
        }

        var record = new ScanRecord
        {
            TerminalId = terminalId,
            ScannedAt = scannedAt,
            Code = code,
            Symbology = scan.Symbology.Identifier ?? "none",
            Kind = WireKind(scan.Kind),
            WeightKg = scan.WeightKg,
        };
        if (ScanKinds.IsItem(record.Kind))
        {
            _sinceReceipt.Record(terminalId, new ScannedItem(code, HotItemSource.UnitsOf(scan.WeightKg)));
        }

        if (!_waiting.Writer.TryWrite(record))
        {
            _counters.AddDropped();
            var dropped = _counters.Dropped;
            if (dropped == 1 || dropped % 1000 == 0)
            {
                LogDropped(_logger, _storeId, terminalId, dropped);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ScanRecord>();
        try
        {
            while (await _waiting.Reader.WaitToReadAsync(stoppingToken))
            {
                if (_window > TimeSpan.Zero)
                {
                    // The first scan woke the writer; the scans of the next moments join its transaction.
                    await Task.Delay(_window, _time, stoppingToken);
                }

                batch.Clear();
                while (batch.Count < MaxScansPerWrite && _waiting.Reader.TryRead(out var scan))
                {
                    batch.Add(scan);
                }

                await _writer.WriteAsync(() => _outbox.Scans.Append(batch).Count, receiptNumber: null, stoppingToken);
                _counters.AddStored(batch.Count);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still waiting gets one write (a crash would lose it; a stop need not).
            batch.Clear();
            while (_waiting.Reader.TryRead(out var scan))
            {
                batch.Add(scan);
            }

            try
            {
                _counters.AddStored(_outbox.Scans.Append(batch).Count);
            }
            catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or ObjectDisposedException)
            {
                LogLostAtStop(_logger, ex, _storeId, batch.Count);
            }
        }
    }

    private static string WireKind(ScanKind kind) => kind switch
    {
        ScanKind.Gs1ElementString => ScanKinds.Gs1,
        ScanKind.VariableMeasure => ScanKinds.VariableMeasure,
        ScanKind.Member => ScanKinds.Member,
        _ => ScanKinds.Gtin,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Store {StoreId}: scans could not be written to the outbox (attempt {Attempt}); retrying, scans wait in memory")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string storeId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Store {StoreId}: {Count} scans waiting at stop could not be written to the outbox")]
    private static partial void LogLostAtStop(ILogger logger, Exception exception, string storeId, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Store {StoreId} terminal {TerminalId}: a scan was dropped, the outbox's scan buffer is full ({Dropped} dropped so far); the disk refuses writes")]
    private static partial void LogDropped(ILogger logger, string storeId, string terminalId, long dropped);
}
