using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Contracts.Ingest;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Outbox;

namespace StoreSales.Edge.Upload;

/// <summary>
/// The outbox's sales as <see cref="UploadLoop{TItem}"/> empties them into the ingest API,
/// <see cref="AgentOptions.BatchSize"/> at a time, shared round-robin between terminals and oldest first within each
/// (<see cref="SaleQueue.PeekFair"/>). A sale leaves the outbox only when the server lists it in
/// <see cref="BatchAck.Durable"/>, or moves to the rejected table when the server refuses it by itself. Whatever else
/// happens, it stays and is sent again later: a busy server (429, 503) is waited out for its Retry-After; a batch
/// too large for it (413) is sent again in halves (<see cref="UploadBatchSize"/>), and a single sale too large is set
/// aside with the server's reason.
/// </summary>
public sealed partial class SaleUploads(
    SqliteOutbox outbox,
    IngestClient client,
    UploadCounters counters,
    IOptions<AgentOptions> agent,
    ILogger<SaleUploads> logger,
    TimeProvider time) : IUploadQueue<OutboxEntry>
{
    private readonly string _storeId = agent.Value.StoreId;
    private bool _clockSkewed;

    public int BatchSize => agent.Value.BatchSize;

    public void Started() =>
        LogStarted(logger, _storeId, string.Join(", ", agent.Value.Servers().Select(server => IngestClient.BatchesUri(server, _storeId))), outbox.Path, outbox.Queue.Depth);

    public IReadOnlyList<OutboxEntry> Peek(int count) => outbox.Queue.PeekFair(count);

    public Task WaitForWorkAsync(TimeSpan atMost, CancellationToken cancellationToken) => outbox.Queue.WaitForSalesAsync(atMost, cancellationToken);

    public Task<UploadOutcome> SendAsync(IReadOnlyList<OutboxEntry> items, CancellationToken cancellationToken)
    {
        var batch = new SaleBatch
        {
            BatchId = Guid.CreateVersion7().ToString("N"),
            Sales = [.. items.Select(e => e.Sale)],
            CatchUp = CatchUpRule.IsCatchUp(items, time.GetUtcNow(), agent.Value.CatchUpAfter),
        };
        if (batch.CatchUp)
        {
            LogCatchUp(logger, _storeId, batch.BatchId, items.Count);
        }

        return client.SendAsync(batch, cancellationToken);
    }

    public bool Settle(IReadOnlyList<OutboxEntry> items, UploadOutcome acked)
    {
        var ack = acked.Ack!;
        var removed = outbox.Queue.Remove(ack.Durable);
        var now = time.GetUtcNow();
        var skew = ack.ServerTime == default ? (TimeSpan?)null : ack.ServerTime - now;
        counters.BatchAcked(removed, ack.Duplicates, now, skew);
        WatchClockSkew(skew);
        foreach (var key in ack.Durable)
        {
            LogDurable(logger, _storeId, key.TerminalId, key.Sequence);
        }

        LogAcked(logger, _storeId, ack.BatchId, items.Count, ack.Accepted, ack.Duplicates, removed);

        // A Z report waits for its terminal's sales: their leaving may make one ready to go.
        outbox.DayEnd.Wake();
        if (ack.Durable.Count == 0)
        {
            LogNothingDurable(logger, _storeId, ack.BatchId, items.Count);
            return false;
        }

        return true;
    }

    public void Isolating(int count, string detail) => LogIsolating(logger, _storeId, count, detail);

    public void Halving(int count, int size, string detail) => LogHalving(logger, _storeId, count, size, detail);

    /// <summary>
    /// Warns when the store PC's clock is further from the server's than <see cref="AgentOptions.ClockSkewWarnAfter"/>:
    /// once when it goes beyond, once when it is back, so a PC that stays wrong does not flood the log.
    /// </summary>
    private void WatchClockSkew(TimeSpan? skew)
    {
        if (skew is not { } measured)
        {
            return;
        }

        var beyond = measured.Duration() > agent.Value.ClockSkewWarnAfter;
        if (beyond && !_clockSkewed)
        {
            LogClockSkew(logger, _storeId, measured.TotalSeconds, agent.Value.ClockSkewWarnAfter);
        }
        else if (!beyond && _clockSkewed)
        {
            LogClockSkewBack(logger, _storeId, measured.TotalSeconds);
        }

        _clockSkewed = beyond;
    }

    public void Reject(OutboxEntry entry, string reason)
    {
        if (outbox.Rejected.Reject(entry.Key, reason))
        {
            counters.SaleRejected();
            LogRejected(logger, _storeId, entry.Sale.TerminalId, entry.Sale.Sequence, reason);
            outbox.DayEnd.Wake();
        }
    }

    /// <summary>Counts and logs a failed pass, with the wait before the next.</summary>
    public void Failed(Polly.Outcome<UploadPass> failed, TimeSpan wait)
    {
        if (failed.Exception is { } ex)
        {
            counters.Failed(ex.Message);
            LogUnexpected(logger, ex, _storeId, wait);
            return;
        }

        var pass = failed.Result;
        var detail = pass.Outcome?.Detail ?? "no detail";
        switch (pass.Kind)
        {
            case UploadPassKind.Unauthorized:
                counters.Unauthorized(detail);
                LogUnauthorized(logger, _storeId, pass.Outcome?.StatusCode ?? 0, detail, wait);
                break;
            case UploadPassKind.Failed:
                counters.Failed(detail);
                LogFailed(logger, _storeId, detail, outbox.Queue.Depth, wait);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId}: uploading to {Uris} (in this order, failing over); outbox {OutboxPath} holds {Depth} sales")]
    private static partial void LogStarted(ILogger logger, string storeId, string uris, string outboxPath, long depth);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId}: batch {BatchId} of {Sent} acked: {Accepted} accepted, {Duplicates} duplicates, {Removed} removed from the outbox")]
    private static partial void LogAcked(ILogger logger, string storeId, string? batchId, int sent, int accepted, int duplicates, int removed);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Store {StoreId}: batch {BatchId} of {Count} sales goes as catch-up (every sale waited longer than Agent:CatchUpAfter)")]
    private static partial void LogCatchUp(ILogger logger, string storeId, string batchId, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Store {StoreId} terminal {TerminalId} sequence {Sequence}: durable on the server")]
    private static partial void LogDurable(ILogger logger, string storeId, string terminalId, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: batch {BatchId} of {Sent} acked with nothing durable; backing off")]
    private static partial void LogNothingDurable(ILogger logger, string storeId, string? batchId, int sent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: the server refused a batch of {Count} ({Detail}); resending one by one to find the bad sales")]
    private static partial void LogIsolating(ILogger logger, string storeId, int count, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: a batch of {Count} sales is larger than the server takes ({Detail}); sending {Size} at a time until the outbox is empty")]
    private static partial void LogHalving(ILogger logger, string storeId, int count, int size, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Store {StoreId} terminal {TerminalId} sequence {Sequence}: rejected by the server: {Reason}; kept in the rejected table")]
    private static partial void LogRejected(ILogger logger, string storeId, string terminalId, long sequence, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Store {StoreId}: the server refused the store key (HTTP {Status}: {Detail}); check Agent:StoreId and Agent:StoreKey. Retrying in {Delay}")]
    private static partial void LogUnauthorized(ILogger logger, string storeId, int status, string detail, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: upload failed ({Detail}); {Depth} sales kept in the outbox, next try in {Delay}")]
    private static partial void LogFailed(ILogger logger, string storeId, string detail, long depth, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: the server's clock is {SkewSeconds:0.#} s away from this PC's (more than Agent:ClockSkewWarnAfter {Limit}); till and agent times are suspect: check the PC's time synchronisation")]
    private static partial void LogClockSkew(ILogger logger, string storeId, double skewSeconds, TimeSpan limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId}: this PC's clock is back within Agent:ClockSkewWarnAfter of the server's ({SkewSeconds:0.#} s)")]
    private static partial void LogClockSkewBack(ILogger logger, string storeId, double skewSeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Store {StoreId}: unexpected upload error; sales stay in the outbox, next try in {Delay}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string storeId, TimeSpan delay);
}
