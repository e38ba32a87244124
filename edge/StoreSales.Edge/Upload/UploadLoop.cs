using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Resilience;

namespace StoreSales.Edge.Upload;

/// <summary>
/// The agent's one upload loop, run once per outbox queue (<see cref="SaleUploads"/>, <see cref="ScanUploads"/>,
/// <see cref="ZReportUploads"/>): peek the oldest records, post them, settle the outcome; on a refused batch resend it
/// one record at a time so only the bad ones are set aside; on a batch too large for the server (413) send half as many
/// from then on (<see cref="UploadBatchSize"/>), setting a single record still too large aside with the server's reason;
/// on a failure (a busy 429 included: nothing set aside, its Retry-After waited) back off through the project's single
/// retry layer (<see cref="RetryUntilItWorks"/>); when the queue is empty, sleep until something is enqueued; a queue
/// with a <see cref="IUploadQueue{TItem}.GatherWindow"/> (scans) lets a stream gather that long between batches that are
/// not full.
/// </summary>
/// <remarks>
/// The retry layer: a failed pass (or one that threw: the outbox or the client failed in a way not foreseen) is tried
/// again after a wait doubling from <c>Upload:RetryDelay</c> to <c>Upload:MaxRetryDelay</c>, jittered so a chain's
/// agents do not return together; or after the wait the failure dictates (a Retry-After or an open circuit's remaining
/// break, both at most <c>MaxRetryDelay</c>; <c>Upload:AuthFailureDelay</c> after 401/403). Each pass peeks afresh, and
/// the backoff starts again after every pass that settles something. The <see cref="IngestClient"/> itself never
/// retries. Worst case between two attempts: the larger of <c>MaxRetryDelay</c> and <c>AuthFailureDelay</c> (2 min
/// with the defaults) plus one attempt's <c>Upload:AttemptTimeout</c> per configured server (10 s each).
/// </remarks>
public sealed class UploadLoop<TItem>(IUploadQueue<TItem> queue, IOptions<AgentOptions> agent, IOptions<UploadOptions> upload, TimeProvider time) : BackgroundService
{
    private readonly UploadBatchSize _batchSize = new(Math.Min(queue.BatchSize, agent.Value.BatchSize));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        queue.Started();
        var retry = RetryUntilItWorks.Create<UploadPass>(
            upload.Value.RetryDelay,
            upload.Value.MaxRetryDelay,
            time,
            shouldRetry: o => o.Exception is not null || o.Result.IsFailure,
            onRetry: args =>
            {
                queue.Failed(args.Outcome, args.RetryDelay);
                return ValueTask.CompletedTask;
            },
            delayFor: o => o.Exception is null ? o.Result.Wait : null,
            jitter: true);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // One execution until a pass settles something: the backoff starts again after every success.
                var pass = await retry.ExecuteAsync(async token => await UploadOnceAsync(token), stoppingToken);
                if (pass.Kind == UploadPassKind.Idle)
                {
                    // Woken by an enqueue; the bound only matters for records another process put in the file.
                    await queue.WaitForWorkAsync(agent.Value.UploadIdleDelay, stoppingToken);
                }

                if (queue.GatherWindow > TimeSpan.Zero && (pass.Kind == UploadPassKind.Idle || pass.Drained))
                {
                    // A stream, not a backlog: let the next batch gather rather than post a handful every few ms.
                    await Task.Delay(queue.GatherWindow, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>One pass: send the oldest batch and settle its outcome.</summary>
    internal async Task<UploadPass> UploadOnceAsync(CancellationToken cancellationToken)
    {
        var items = queue.Peek(_batchSize.Current);
        if (items.Count == 0)
        {
            // The run of large records is through: full batches again.
            _batchSize.Reset();
            return new UploadPass(UploadPassKind.Idle);
        }

        var outcome = await queue.SendAsync(items, cancellationToken);
        switch (outcome.Kind)
        {
            case UploadOutcomeKind.Acked:
                return Settled(queue.Settle(items, outcome)) with { Drained = items.Count < _batchSize.Current };
            case UploadOutcomeKind.Rejected when items.Count == 1:
                queue.Reject(items[0], outcome.Detail!);
                return new UploadPass(UploadPassKind.Sent);
            case UploadOutcomeKind.TooLarge when items.Count == 1:
                // The one record the server will never take: set aside, and the batches grow back to their size.
                queue.Reject(items[0], outcome.Detail!);
                _batchSize.Reset();
                return new UploadPass(UploadPassKind.Sent);
            case UploadOutcomeKind.TooLarge:
                queue.Halving(items.Count, _batchSize.Halve(items.Count), outcome.Detail!);
                return new UploadPass(UploadPassKind.Sent);
            case UploadOutcomeKind.Rejected:
                queue.Isolating(items.Count, outcome.Detail!);
                return await IsolateAsync(items, cancellationToken);
            default:
                return Failure(outcome);
        }
    }

    /// <summary>The server refused a batch: resend its records one by one so only the bad ones are set aside.</summary>
    private async Task<UploadPass> IsolateAsync(IReadOnlyList<TItem> items, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            IReadOnlyList<TItem> one = [item];
            var outcome = await queue.SendAsync(one, cancellationToken);
            switch (outcome.Kind)
            {
                case UploadOutcomeKind.Acked:
                    queue.Settle(one, outcome);
                    break;
                case UploadOutcomeKind.Rejected or UploadOutcomeKind.TooLarge:
                    queue.Reject(item, outcome.Detail!);
                    break;
                default:
                    return Failure(outcome);
            }
        }

        return new UploadPass(UploadPassKind.Sent);
    }

    private static UploadPass Settled(bool anythingDurable) =>
        new(anythingDurable ? UploadPassKind.Sent : UploadPassKind.NothingDurable);

    private UploadPass Failure(UploadOutcome outcome) => outcome.Kind == UploadOutcomeKind.Unauthorized
        ? new UploadPass(UploadPassKind.Unauthorized, outcome, upload.Value.AuthFailureDelay)
        : new UploadPass(UploadPassKind.Failed, outcome, outcome.RetryAfter);
}
