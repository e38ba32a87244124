using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Contracts.Ingest;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Outbox;

namespace StoreSales.Edge.Upload;

/// <summary>
/// The outbox's scans (<see cref="ScanQueue"/>) as their own <see cref="UploadLoop{TItem}"/> empties them into the scan
/// ingest API, <see cref="AgentOptions.BatchSize"/> at a time, oldest first, a batch that is not full after gathering for
/// <see cref="AgentOptions.ScanUploadWindow"/>, apart from the sales
/// (<see cref="SaleUploads"/>) so a stream of scans never delays a sale. Same rules as sales: a scan leaves only when
/// acked as durable; a refused batch is resent one scan at a time and a scan refused on its own is removed, counted and
/// logged with the server's reason (a scan has no till to fix and resend it, unlike a sale); a batch too large (413) is
/// sent again in halves and a single scan still too large is dropped the same way; anything else (a busy 429 included)
/// is retried through the same one retry layer and client circuit.
/// </summary>
public sealed partial class ScanUploads(
    SqliteOutbox outbox,
    IngestClient client,
    ScanCounters counters,
    IOptions<AgentOptions> agent,
    ILogger<ScanUploads> logger) : IUploadQueue<ScanRecord>
{
    private readonly string _storeId = agent.Value.StoreId;

    public int BatchSize => agent.Value.BatchSize;

    public TimeSpan GatherWindow => agent.Value.ScanUploadWindow;

    public void Started()
    {
        // The sales' loop logs where uploads go; scans go to the same servers.
    }

    public IReadOnlyList<ScanRecord> Peek(int count) => outbox.Scans.PeekOldest(count);

    public Task WaitForWorkAsync(TimeSpan atMost, CancellationToken cancellationToken) => outbox.Scans.WaitForScansAsync(atMost, cancellationToken);

    public Task<UploadOutcome> SendAsync(IReadOnlyList<ScanRecord> items, CancellationToken cancellationToken) =>
        client.SendAsync(new ScanBatch { BatchId = Guid.CreateVersion7().ToString("N"), Scans = items }, cancellationToken);

    public bool Settle(IReadOnlyList<ScanRecord> items, UploadOutcome acked)
    {
        var ack = acked.Ack!;
        var removed = outbox.Scans.Remove(ack.Durable);
        counters.BatchAcked(removed, ack.Duplicates);
        LogAcked(logger, _storeId, ack.BatchId, ack.Accepted, ack.Duplicates, removed);
        return ack.Durable.Count > 0;
    }

    public void Reject(ScanRecord scan, string reason)
    {
        if (outbox.Scans.Remove([new SaleKey(scan.TerminalId, scan.Sequence)]) > 0)
        {
            counters.AddRejected();
            LogRejected(logger, _storeId, scan.TerminalId, scan.Sequence, scan.Code, reason);
        }
    }

    public void Isolating(int count, string detail) => LogIsolating(logger, _storeId, count, detail);

    public void Halving(int count, int size, string detail) => LogHalving(logger, _storeId, count, size, detail);

    public void Failed(Polly.Outcome<UploadPass> failed, TimeSpan wait)
    {
        counters.Failed();
        LogFailed(logger, failed.Exception, _storeId, failed.Exception?.Message ?? failed.Result.Outcome?.Detail ?? "no detail", wait);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Store {StoreId}: scan batch {BatchId} acked: {Accepted} accepted, {Duplicates} duplicates, {Removed} removed from the outbox")]
    private static partial void LogAcked(ILogger logger, string storeId, string? batchId, int accepted, int duplicates, int removed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: the server refused a batch of {Count} scans ({Detail}); resending one by one to find the bad scans")]
    private static partial void LogIsolating(ILogger logger, string storeId, int count, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: a batch of {Count} scans is larger than the server takes ({Detail}); sending {Size} at a time until the outbox is empty")]
    private static partial void LogHalving(ILogger logger, string storeId, int count, int size, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Store {StoreId} terminal {TerminalId} scan {Sequence} ({Code}): refused by the server and dropped: {Reason}")]
    private static partial void LogRejected(ILogger logger, string storeId, string terminalId, long sequence, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: scan upload failed ({Detail}); scans kept in the outbox, next try in {Delay}")]
    private static partial void LogFailed(ILogger logger, Exception? exception, string storeId, string detail, TimeSpan delay);
}
