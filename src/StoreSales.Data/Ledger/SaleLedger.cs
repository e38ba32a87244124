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
/// came in an earlier group or twice in the same one. Every <see cref="LedgerWriterOptions.RollupFoldSales"/> sales, the hourly
/// rollup's pending rows are folded on a connection of their own (<see cref="SaleItemHourFold"/>), one fold at a time.
/// </summary>
public sealed partial class SaleLedger : IAsyncDisposable
{
    private readonly LedgerWriterOptions _options;
    private readonly LedgerGroupCommit[] _commits;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly Queue<PendingAppend> _live = new();
    private readonly Queue<PendingAppend> _catchUp = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Histogram<int>? _groupSales;
    private readonly SaleItemHourFold _fold;
    private readonly SemaphoreSlim _foldWake = new(0);
    private readonly Counter<long>? _folded;
    private readonly Counter<long>? _foldFailures;
    private Task[]? _writers;
    private Task? _folding;

    // Sales written since the last fold was asked for, and whether one is asked for and not yet begun.
    private long _unfoldedSales;
    private int _foldRequested;

    // Groups of catch-up batches only, being written now (guarded by _gate).
    private int _catchUpOnlyGroups;

    public SaleLedger(NpgsqlDataSource dataSource, LedgerWriterOptions? options = null, ILogger<SaleLedger>? logger = null, IMeterFactory? meters = null)
    {
        _options = options ?? new LedgerWriterOptions();
        if (_options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _commits = [.. Enumerable.Range(0, _options.Writers).Select(_ => new LedgerGroupCommit(dataSource))];
        _fold = new SaleItemHourFold(dataSource);
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
            _folded = meter.CreateCounter<long>("storesales.ledger.rollup.folded", description: "Hourly rollup rows written by folding the pending rows into sale_item_hour");
            _foldFailures = meter.CreateCounter<long>("storesales.ledger.rollup.fold_failures", description: "Folds of the rollup's pending rows that failed (the rows stay pending, reads still add them; the next fold takes them)");
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
            _folding ??= Task.Run(FoldRollup, CancellationToken.None);
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

            var (live, catchUp) = LedgerGroupSchedule.Take(Sizes(_live), Sizes(_catchUp), _options.GroupMaxSales, _options.CatchUpShare);
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
            var written = await commit.Write(group, stopping);
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
            CountTowardsFold(written.Inserted.Sum(keys => keys.Count));
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

    private void CountTowardsFold(int sales)
    {
        if (Interlocked.Add(ref _unfoldedSales, sales) >= _options.RollupFoldSales)
        {
            Interlocked.Exchange(ref _unfoldedSales, 0);
            if (Interlocked.Exchange(ref _foldRequested, 1) == 0)
            {
                _foldWake.Release();
            }
        }
    }

    // One fold at a time; requests made while one runs make one more. A failed fold leaves the rows pending (the
    // readers add them), and the next request folds them.
    private async Task FoldRollup()
    {
        var stopping = _stopping.Token;
        while (true)
        {
            try
            {
                await _foldWake.WaitAsync(stopping);
                Volatile.Write(ref _foldRequested, 0);
                var written = await _fold.Run(stopping); // not inside _folded?.Add(...): without meters that would skip the fold
                _folded?.Add(written);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                _foldFailures?.Add(1);
                LogFoldFailed(exception);
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

        if (_folding is not null)
        {
            await _folding.ConfigureAwait(false);
        }

        await _fold.DisposeAsync();
        _foldWake.Dispose();
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Folding the hourly rollup's pending rows failed; they stay pending (reads add them) until the next fold")]
    private partial void LogFoldFailed(Exception exception);
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
