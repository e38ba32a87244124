using Microsoft.Extensions.Options;
using System.Threading.Channels;
using StoreSales.Contracts.Ingest;
using StoreSales.Data.DayEnd;

namespace StoreSales.Silo.Ingest;

/// <summary>
/// Sales that arrive after the Z that covers them (missing when the Z came: held up, or refused and requeued once
/// fixed) reconcile their terminal's day again; when it is now equal, its open <c>reconciliation</c> alert closes itself
/// with an outcome naming them (<see cref="ReconciliationAlerts.ResolveIfSettled"/>). Off the ack, like the rep and
/// member feeds: a batch never waits for it.
/// One reader works through a bounded queue, taking everything waiting at once and asking the ledger once per store: a
/// burst of batches (a chain catching up) costs one connection and a query per store, not a connection per batch. A
/// check that is not done (queue full, or it failed) is logged and counted; its alert then stays open for a person.
/// </summary>
public sealed partial class LateSaleReconciliation(
    ZReports zReports, DayEndReconciler reconciler, ReconciliationAlerts alerts, IngestMetrics metrics, IOptions<IngestOptions> options, ILogger<LateSaleReconciliation> logger)
    : BackgroundService
{
    private readonly Channel<(string StoreId, IReadOnlyList<SaleKey> Inserted)> _queue = Channel.CreateBounded<(string, IReadOnlyList<SaleKey>)>(
        new BoundedChannelOptions(options.Value.LateSaleQueueBatches) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private int _waiting;

    /// <summary>Batches handed over whose check has not finished yet (what tests wait for).</summary>
    public int InFlight => Volatile.Read(ref _waiting);

    /// <summary>Queues the newly recorded <paramref name="inserted"/> sales for the check and returns at once.</summary>
    public void Hear(string storeId, IReadOnlyList<SaleKey> inserted)
    {
        if (inserted.Count == 0)
        {
            return;
        }

        Interlocked.Increment(ref _waiting);
        if (!_queue.Writer.TryWrite((storeId, inserted)))
        {
            Interlocked.Decrement(ref _waiting);
            metrics.LateSaleCheckNotDone(storeId, "queue_full");
            LogQueueFull(storeId, inserted.Count);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                var byStore = new Dictionary<string, List<SaleKey>>(StringComparer.Ordinal);
                var taken = 0;
                while (reader.TryRead(out var batch))
                {
                    taken++;
                    if (!byStore.TryGetValue(batch.StoreId, out var keys))
                    {
                        byStore[batch.StoreId] = keys = [];
                    }

                    keys.AddRange(batch.Inserted);
                }

                foreach (var (storeId, keys) in byStore)
                {
                    try
                    {
                        await Settle(storeId, keys, stoppingToken);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                    {
                        metrics.LateSaleCheckNotDone(storeId, "failed");
                        LogFailed(exception, storeId, keys.Count);
                    }
                }

                Interlocked.Add(ref _waiting, -taken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is in the ledger; an alert it would have closed stays open for a person.
        }
    }

    private async Task Settle(string storeId, IReadOnlyList<SaleKey> inserted, CancellationToken cancellationToken)
    {
        foreach (var (terminalId, businessDay, sequences) in await zReports.Covering(storeId, inserted, cancellationToken))
        {
            var day = (await reconciler.Reconcile(storeId, businessDay, cancellationToken)).Terminals.Single(t => t.TerminalId == terminalId);
            var resolved = await alerts.ResolveIfSettled(storeId, day, sequences);
            LogLate(storeId, terminalId, businessDay, sequences.Length, day.Verdict.ToString().ToLowerInvariant(), resolved);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId} terminal {TerminalId}: {Count} sales arrived after the Z of {BusinessDay}; the day is now {Verdict} (its alert resolved: {Resolved})")]
    private partial void LogLate(string storeId, string terminalId, DateOnly businessDay, int count, string verdict, bool resolved);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: could not reconcile again the days {Count} late sales belong to; their reconciliation alerts stay open")]
    private partial void LogFailed(Exception exception, string storeId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: {Count} sales not checked against their Z (the late-sale queue is full); a reconciliation alert they would close stays open")]
    private partial void LogQueueFull(string storeId, int count);
}
