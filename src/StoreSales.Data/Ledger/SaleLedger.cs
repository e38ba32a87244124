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
    /// Returns the keys that were new; the rest were already in the ledger, with the same content. When this returns,
    /// every sale of the batch is committed. Fails with <see cref="LedgerBusyException"/> when the lane already holds its
    /// most waiting batches, and with <see cref="SaleSequenceConflictException"/> (nothing of the batch written) when one
    /// of its keys is recorded with other content (<see cref="SaleContentHash"/>). Cancelling stops the wait only: a
    /// batch handed to the writer is written anyway (a retry finds it recorded).
    /// </summary>
    public Task<IReadOnlyList<SaleKey>> Append(string storeId, IReadOnlyList<SaleRecord> sales, IngestLane lane, CancellationToken cancellationToken)
    {
        if (sales.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<SaleKey>>([]);
        }

        // Hashed here, on the caller's thread: the writers' loop stays the database's pace, and batches hash in parallel.
        var hashes = new byte[sales.Count][];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = SaleContentHash.Of(sales[i]);
        }

        var pending = new PendingAppend(storeId, sales, lane, hashes);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
            var queue = lane == IngestLane.Live ? _live : _catchUp;
            var bound = lane == IngestLane.Live ? _options.MaxWaitingLive : _options.MaxWaitingCatchUp;
            if (queue.Count >= bound)
            {
                return Task.FromException<IReadOnlyList<SaleKey>>(new LedgerBusyException(lane, queue.Count));
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
        try
        {
            var rollupSlot = SaleItemHourPending.WrittenAt(_clock.GetUtcNow(), _options.RollupFoldSeconds);
            var written = await commit.Write(group, rollupSlot, stopping);
            for (var i = 0; i < group.Count; i++)
            {
                if (written.Conflicts[i] is { Count: > 0 } conflicts)
                {
                    group[i].Completion.TrySetException(new SaleSequenceConflictException(group[i].StoreId, conflicts));
                }
                else
                {
                    group[i].Completion.TrySetResult(written.Inserted[i]);
                }
            }

            _groupSales?.Record(group.Sum(p => p.Sales.Count), new KeyValuePair<string, object?>("path", written.Path));
            LogGroup(group.Count, group.Sum(p => p.Sales.Count));
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ledger group committed: {Batches} batches, {Sales} sales")]
    private partial void LogGroup(int batches, int sales);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ledger group of {Batches} batches failed; writing each batch alone")]
    private partial void LogGroupFailed(Exception exception, int batches);
}

/// <summary>One store's batch waiting for the writer, its sales' content hashes (same order), and where its answer goes: the keys that were new.</summary>
internal sealed record PendingAppend(string StoreId, IReadOnlyList<SaleRecord> Sales, IngestLane Lane, IReadOnlyList<byte[]> Hashes)
{
    public TaskCompletionSource<IReadOnlyList<SaleKey>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>The lane already holds its most waiting batches: the caller should answer 503 and the agent retry later.</summary>
public sealed class LedgerBusyException(IngestLane lane, int waiting)
    : Exception($"The ledger writer's {lane} lane already holds {waiting} waiting batches.")
{
    public IngestLane Lane { get; } = lane;
}
