using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Contracts.Ingest;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Outbox;
using StoreSales.Edge.Resilience;

namespace StoreSales.Edge.Upload;

/// <summary>
/// Empties the outbox's scans (<see cref="ScanQueue"/>) into the scan ingest API, <see cref="AgentOptions.BatchSize"/>
/// at a time, oldest first, apart from the sales (<see cref="SaleUploader"/>) so a stream of scans never delays a sale.
/// Same rules as sales: a scan leaves only when acked as durable; a refused batch is resent one scan at a time and a
/// scan refused on its own is removed, counted and logged with the server's reason (a scan has no till to fix and
/// resend it, unlike a sale); anything else is retried through the same one retry layer and client circuit.
/// </summary>
public sealed partial class ScanUploader(
    SqliteOutbox outbox,
    IngestClient client,
    ScanCounters counters,
    IOptions<AgentOptions> agent,
    IOptions<UploadOptions> upload,
    ILogger<ScanUploader> logger,
    TimeProvider time) : BackgroundService
{
    private readonly string _storeId = agent.Value.StoreId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var retry = RetryUntilItWorks.Create<UploadPass>(
            upload.Value.RetryDelay,
            upload.Value.MaxRetryDelay,
            time,
            shouldRetry: o => o.Exception is not null || o.Result.IsFailure,
            onRetry: args =>
            {
                counters.Failed();
                LogFailed(logger, args.Outcome.Exception, _storeId, args.Outcome.Exception?.Message ?? args.Outcome.Result.Outcome?.Detail ?? "no detail", args.RetryDelay);
                return ValueTask.CompletedTask;
            },
            delayFor: o => o.Exception is not null ? null
                : o.Result.Kind == UploadPassKind.Unauthorized ? upload.Value.AuthFailureDelay
                : o.Result.Wait,
            jitter: true);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var pass = await retry.ExecuteAsync(async token => await UploadOnceAsync(token), stoppingToken);
                if (pass.Kind == UploadPassKind.Idle)
                {
                    await outbox.Scans.WaitForScansAsync(agent.Value.UploadIdleDelay, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>One pass: send the oldest scans and settle the outcome.</summary>
    internal async Task<UploadPass> UploadOnceAsync(CancellationToken cancellationToken)
    {
        var scans = outbox.Scans.PeekOldest(agent.Value.BatchSize);
        if (scans.Count == 0)
        {
            return new UploadPass(UploadPassKind.Idle);
        }

        var outcome = await client.SendAsync(new ScanBatch { BatchId = Guid.CreateVersion7().ToString("N"), Scans = scans }, cancellationToken);
        switch (outcome.Kind)
        {
            case UploadOutcomeKind.Acked:
                return Settle(outcome.Ack!);
            case UploadOutcomeKind.Rejected:
            case UploadOutcomeKind.TooLarge: // one by one then; a single scan too large is set aside like a refused one
                return await IsolateAsync(scans, outcome.Detail!, cancellationToken);
            case UploadOutcomeKind.Unauthorized:
                return new UploadPass(UploadPassKind.Unauthorized, outcome);
            default:
                return new UploadPass(UploadPassKind.Failed, outcome, outcome.RetryAfter);
        }
    }

    private async Task<UploadPass> IsolateAsync(IReadOnlyList<ScanRecord> scans, string detail, CancellationToken cancellationToken)
    {
        if (scans.Count == 1)
        {
            Reject(scans[0], detail);
            return new UploadPass(UploadPassKind.Sent);
        }

        foreach (var scan in scans)
        {
            var outcome = await client.SendAsync(new ScanBatch { BatchId = Guid.CreateVersion7().ToString("N"), Scans = [scan] }, cancellationToken);
            switch (outcome.Kind)
            {
                case UploadOutcomeKind.Acked:
                    Settle(outcome.Ack!);
                    break;
                case UploadOutcomeKind.Rejected or UploadOutcomeKind.TooLarge:
                    Reject(scan, outcome.Detail!);
                    break;
                default:
                    return new UploadPass(outcome.Kind == UploadOutcomeKind.Unauthorized ? UploadPassKind.Unauthorized : UploadPassKind.Failed, outcome, outcome.RetryAfter);
            }
        }

        return new UploadPass(UploadPassKind.Sent);
    }

    private UploadPass Settle(BatchAck ack)
    {
        var removed = outbox.Scans.Remove(ack.Durable);
        counters.BatchAcked(removed, ack.Duplicates);
        LogAcked(logger, _storeId, ack.BatchId, ack.Accepted, ack.Duplicates, removed);
        return new UploadPass(ack.Durable.Count == 0 ? UploadPassKind.NothingDurable : UploadPassKind.Sent);
    }

    private void Reject(ScanRecord scan, string reason)
    {
        if (outbox.Scans.Remove([new SaleKey(scan.TerminalId, scan.Sequence)]) > 0)
        {
            counters.AddRejected();
            LogRejected(logger, _storeId, scan.TerminalId, scan.Sequence, scan.Code, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Store {StoreId}: scan batch {BatchId} acked: {Accepted} accepted, {Duplicates} duplicates, {Removed} removed from the outbox")]
    private static partial void LogAcked(ILogger logger, string storeId, string? batchId, int accepted, int duplicates, int removed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Store {StoreId} terminal {TerminalId} scan {Sequence} ({Code}): refused by the server and dropped: {Reason}")]
    private static partial void LogRejected(ILogger logger, string storeId, string terminalId, long sequence, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: scan upload failed ({Detail}); scans kept in the outbox, next try in {Delay}")]
    private static partial void LogFailed(ILogger logger, Exception? exception, string storeId, string detail, TimeSpan delay);
}
