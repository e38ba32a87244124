using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StoreSales.Contracts.Ingest;

namespace StoreSales.Data.Ledger;

/// <summary>
/// Appends sales and their lines to the ledger by group commit: batches from many stores that wait at the same time
/// are written together in one transaction (<see cref="LedgerGroupCommit"/>; <see cref="LedgerWriterOptions.Writers"/> such
/// groups in flight at once), so the commit's fsync and the
/// statements' fixed costs are paid once per group rather than once per batch. Batches wait in two lanes, live and
/// catch-up (<see cref="LedgerGroupSchedule"/>). A sale already in the ledger is skipped, not doubled, whether it
/// came in an earlier group or twice in the same one.
/// </summary>
public sealed partial class SaleLedger : IAsyncDisposable
{
    private readonly LedgerWriterOptions _options;
    private readonly LedgerGroupCommit[] _commits;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly object _gate = new();
    private readonly Queue<PendingAppend> _live = new();
    private readonly Queue<PendingAppend> _catchUp = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Histogram<int>? _groupSales;
    private readonly Histogram<double>? _queued;
    private readonly Histogram<double>? _groupDuration;
    private Task[]? _writers;

    // Groups of catch-up batches only, being written now (guarded by _gate).
    private int _catchUpOnlyGroups;

    public SaleLedger(NpgsqlDataSource dataSource, LedgerWriterOptions? options = null, ILogger<SaleLedger>? logger = null, IMeterFactory? meters = null, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _options = options ?? new LedgerWriterOptions();
        if (_options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _commits = [.. Enumerable.Range(0, _options.Writers).Select(_ => new LedgerGroupCommit(dataSource))];
        _logger = logger ?? (ILogger)NullLogger.Instance;
        if (meters is not null)
        {
            var meter = meters.Create(MeterName);
            _groupSales = meter.CreateHistogram<int>("storesales.ledger.group.sales", description: "Sales written per group commit, by path (copied: straight into the ledger; staged: the ledger held one of them already)");
            _queued = meter.CreateHistogram<double>("storesales.ledger.batch.queued", unit: "ms", description: "Time a batch waited in its lane until a writer took it into a group, by lane");
            _groupDuration = meter.CreateHistogram<double>("storesales.ledger.group.duration", unit: "ms", description: "Time from a writer taking a group to its COMMIT, by path");
            meter.CreateObservableGauge("storesales.ledger.waiting", () => new[]
            {
                new Measurement<int>(Waiting(_live), new KeyValuePair<string, object?>("lane", "live")),
                new Measurement<int>(Waiting(_catchUp), new KeyValuePair<string, object?>("lane", "catch-up")),
            }, description: "Batches waiting for the ledger writer, by lane");
        }
    }

    public const string MeterName = "StoreSales.Ledger";

    /// <summary>Records the sales of one store as live sales. <inheritdoc cref="Append(string, IReadOnlyList{SaleRecord}, IngestLane, CancellationToken)"/></summary>
    public Task<IReadOnlyList<SaleKey>> Append(string storeId, IReadOnlyList<SaleRecord> sales, CancellationToken cancellationToken) =>
        Append(storeId, sales, IngestLane.Live, cancellationToken);

    /// <summary>
    /// <inheritdoc cref="AppendTimed(string, IReadOnlyList{SaleRecord}, IngestLane, CancellationToken)"/>
    /// </summary>
    public async Task<IReadOnlyList<SaleKey>> Append(string storeId, IReadOnlyList<SaleRecord> sales, IngestLane lane, CancellationToken cancellationToken) =>
        (await AppendTimed(storeId, sales, lane, cancellationToken)).Inserted;

    /// <summary>
    /// Returns the keys that were new; the rest were already in the ledger, with the same content. When this returns,
    /// every sale of the batch is committed. Fails with <see cref="LedgerBusyException"/> when the lane already holds its
    /// most waiting batches, and with <see cref="SaleSequenceConflictException"/> (nothing of the batch written) when one
    /// of its keys is recorded with other content (<see cref="SaleContentHash"/>). Cancelling stops the wait only: a
    /// batch handed to the writer is written anyway (a retry finds it recorded).
    /// </summary>
    /// <returns>The new keys, and how long the batch waited for a writer and then for its group's commit.</returns>
    public Task<LedgerAppended> AppendTimed(string storeId, IReadOnlyList<SaleRecord> sales, IngestLane lane, CancellationToken cancellationToken)
    {
        if (sales.Count == 0)
        {
            return Task.FromResult(new LedgerAppended([], TimeSpan.Zero, TimeSpan.Zero));
        }

        // Hashed here, on the caller's thread: the writers' loop stays the database's pace, and batches hash in parallel.
        var hashes = new byte[sales.Count][];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = SaleContentHash.Of(sales[i]);
        }

        var pending = new PendingAppend(storeId, sales, lane, hashes, _clock.GetTimestamp());
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
            var queue = lane == IngestLane.Live ? _live : _catchUp;
            var bound = lane == IngestLane.Live ? _options.MaxWaitingLive : _options.MaxWaitingCatchUp;
            if (queue.Count >= bound)
            {
                return Task.FromException<LedgerAppended>(new LedgerBusyException(lane, queue.Count));
            }

            queue.Enqueue(pending);
            _writers ??= [.. _commits.Select(commit => Task.Run(() => WriteGroups(commit), CancellationToken.None))];
        }

        _wake.Release();
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteGroups(LedgerGroupCommit commit)
    {
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            while (NextGroup() is { Count: > 0 } group)
            {
                var catchUpOnly = group.All(p => p.Lane == IngestLane.CatchUp);
                try
                {
                    await Write(commit, group, stopping);
                }
                finally
                {
                    if (catchUpOnly)
                    {
                        lock (_gate)
                        {
                            _catchUpOnlyGroups--;
                        }
                    }
                }
            }
        }

        FailWaiting(new ObjectDisposedException(nameof(SaleLedger), "The ledger writer stopped before this batch was written; send it again."));
    }

    private List<PendingAppend> NextGroup()
    {
        lock (_gate)
        {
            // A backlog alone occupies one writer at most: the others stay free for the next live batch, which would
            // otherwise wait behind every writer's catch-up group (measured: live p99 past 1 s while 500 stores caught up).
            if (_live.Count == 0 && _catchUpOnlyGroups > 0 && _options.Writers > 1)
            {
                return [];
            }

            var liveSizes = Sizes(_live);
            var limit = LedgerGroupSchedule.GroupLimit(liveSizes.Sum(), _options);
            var (live, catchUp) = LedgerGroupSchedule.Take(liveSizes, Sizes(_catchUp), limit, _options.CatchUpShare, backlogBeingWritten: _catchUpOnlyGroups > 0);
            if (live == 0 && catchUp > 0)
            {
                _catchUpOnlyGroups++;
            }

            var group = new List<PendingAppend>(live + catchUp);
            for (var i = 0; i < live; i++)
            {
                group.Add(_live.Dequeue());
            }

            for (var i = 0; i < catchUp; i++)
            {
                group.Add(_catchUp.Dequeue());
            }

            return group;
        }
    }

    private async Task Write(LedgerGroupCommit commit, List<PendingAppend> group, CancellationToken stopping)
    {
        var taken = _clock.GetTimestamp();
        try
        {
            var rollupSlot = SaleItemHourPending.WrittenAt(_clock.GetUtcNow(), _options.RollupFoldSeconds);
            var written = await commit.Write(group, rollupSlot, stopping);
            var writing = _clock.GetElapsedTime(taken);
            for (var i = 0; i < group.Count; i++)
            {
                if (written.Conflicts[i] is { Count: > 0 } conflicts)
                {
                    group[i].Completion.TrySetException(new SaleSequenceConflictException(group[i].StoreId, conflicts));
                }
                else
                {
                    group[i].Completion.TrySetResult(new LedgerAppended(written.Inserted[i], _clock.GetElapsedTime(group[i].EnqueuedAt, taken), writing));
                }
            }

            var path = new KeyValuePair<string, object?>("path", written.Path);
            _groupSales?.Record(group.Sum(p => p.Sales.Count), path);
            _groupDuration?.Record(writing.TotalMilliseconds, path);
            if (_queued is not null)
            {
                foreach (var pending in group)
                {
                    _queued.Record(_clock.GetElapsedTime(pending.EnqueuedAt, taken).TotalMilliseconds, new KeyValuePair<string, object?>("lane", pending.Lane == IngestLane.Live ? "live" : "catch-up"));
                }
            }

            if (_logger.IsEnabled(LogLevel.Debug))
            {
                LogGroup(group.Count, group.Sum(p => p.Sales.Count), written.Path, group.Max(p => _clock.GetElapsedTime(p.EnqueuedAt, taken).TotalMilliseconds), writing.TotalMilliseconds);
            }
        }
        catch (Exception exception) when (group.Count > 1 && exception is not OperationCanceledException)
        {
            // One bad batch must not fail the others of its group (they would all be retried, and fail together again):
            // each batch is written alone, and only the one at fault fails.
            LogGroupFailed(exception, group.Count);
            foreach (var pending in group)
            {
                await Write(commit, [pending], stopping);
            }
        }
        catch (Exception exception)
        {
            foreach (var pending in group)
            {
                pending.Completion.TrySetException(exception);
            }
        }
    }

    private void FailWaiting(Exception exception)
    {
        lock (_gate)
        {
            foreach (var pending in _live.Concat(_catchUp))
            {
                pending.Completion.TrySetException(exception);
            }

            _live.Clear();
            _catchUp.Clear();
        }
    }

    private int Waiting(Queue<PendingAppend> queue)
    {
        lock (_gate)
        {
            return queue.Count;
        }
    }

    private static int[] Sizes(Queue<PendingAppend> queue) => [.. queue.Select(p => p.Sales.Count)];

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _stopping.Cancel();
        }

        if (_writers is not null)
        {
            await Task.WhenAll(_writers).ConfigureAwait(false);
        }

        foreach (var commit in _commits)
        {
            await commit.DisposeAsync();
        }
        _stopping.Dispose();
        _wake.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ledger group committed: {Batches} batches, {Sales} sales, {Path}; the oldest batch waited {QueuedMs:0} ms, the group took {WritingMs:0} ms")]
    private partial void LogGroup(int batches, int sales, string path, double queuedMs, double writingMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ledger group of {Batches} batches failed; writing each batch alone")]
    private partial void LogGroupFailed(Exception exception, int batches);
}

/// <summary>
/// One store's batch waiting for the writer, its sales' content hashes (same order), when it was queued (the clock's
/// timestamp), and where its answer goes.
/// </summary>
internal sealed record PendingAppend(string StoreId, IReadOnlyList<SaleRecord> Sales, IngestLane Lane, IReadOnlyList<byte[]> Hashes, long EnqueuedAt)
{
    public TaskCompletionSource<LedgerAppended> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// A batch committed: the keys of its sales that were new; how long it waited in its lane for a writer, and how long its
/// group took from then to the commit (what an ack's time in the ledger is made of).
/// </summary>
public sealed record LedgerAppended(IReadOnlyList<SaleKey> Inserted, TimeSpan Queued, TimeSpan Writing);

/// <summary>The lane already holds its most waiting batches: the caller should answer 503 and the agent retry later.</summary>
public sealed class LedgerBusyException(IngestLane lane, int waiting)
    : Exception($"The ledger writer's {lane} lane already holds {waiting} waiting batches.")
{
    public IngestLane Lane { get; } = lane;
}
