using System.Collections.Immutable;
using StoreSales.Abstractions.Reps;
using StoreSales.Contracts.Ingest;

namespace StoreSales.Silo.Ingest;

/// <summary>
/// Tells each rep of a durable batch of its sales, off the ack: the ingest API hands the batch over after the ledger
/// commit and acks without waiting. Every sale of the batch that carries a rep goes to that rep's grain (new or not,
/// as for the store: the grain counts each (store, terminal, sequence) once). A call that fails or times out is never
/// silent: it is counted (<see cref="IngestMetrics.RepCountFailed"/>) and the rep grain is told to count its month
/// from the ledger, which holds the sales. A batch without a rep costs one pass over its sales and nothing else.
/// </summary>
public sealed partial class RepSalesFeed(IGrainFactory grains, IngestMetrics metrics, ILogger<RepSalesFeed> logger)
{
    private int _inFlight;

    /// <summary>Batches handed over whose rep grains have not all answered yet (a gauge, and what tests wait for).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Starts telling the batch's reps of their sales and returns at once; nothing to do for a batch without a rep.</summary>
    public void Hear(string storeId, IReadOnlyList<SaleRecord> sales)
    {
        if (!AnyRep(sales))
        {
            return;
        }

        Interlocked.Increment(ref _inFlight);
        metrics.RepBatchesInFlight(1);

        // On the thread pool: grouping and sending run after the caller's ack, not before it.
        _ = Task.Run(async () =>
        {
            try
            {
                await Send(storeId, sales);
            }
            finally
            {
                metrics.RepBatchesInFlight(-1);
                Interlocked.Decrement(ref _inFlight);
            }
        });
    }

    /// <summary>
    /// A rep id that can key a grain and can be in master data: not blank, at most 64 characters, not purely numeric
    /// (master data refuses those, as Orleans string keys that look like numbers are not kept as written). A sale with
    /// another rep id is in the ledger as the till sent it; no rep grain hears of it.
    /// </summary>
    public static bool IsUsableRepId(string repId) =>
        !string.IsNullOrWhiteSpace(repId) && repId.Length <= 64 && !repId.All(char.IsAsciiDigit);

    private static bool AnyRep(IReadOnlyList<SaleRecord> sales)
    {
        for (var i = 0; i < sales.Count; i++)
        {
            if (sales[i].RepId is not null)
            {
                return true;
            }
        }

        return false;
    }

    private Task Send(string storeId, IReadOnlyList<SaleRecord> sales)
    {
        var reps = sales.Where(s => s.RepId is not null).GroupBy(s => s.RepId!, StringComparer.Ordinal).ToList();
        foreach (var unusable in reps.Where(r => !IsUsableRepId(r.Key)))
        {
            metrics.RepCountFailed(storeId, "unusable_rep_id");
            LogUnusableRepId(storeId, unusable.Key, unusable.Count());
        }

        return Task.WhenAll(reps
            .Where(r => IsUsableRepId(r.Key))
            .Select(rep => Apply(storeId, rep.Key, [.. rep.Select(s => new RepSale(storeId, s.TerminalId, s.Sequence, s.RungUpAt, s.Total))])));
    }

    private async Task Apply(string storeId, string repId, ImmutableArray<RepSale> sales)
    {
        var rep = grains.GetGrain<IRepGrain>(repId);
        try
        {
            await rep.ApplySales(sales);
            return;
        }
        catch (Exception exception)
        {
            metrics.RepCountFailed(storeId, "failed");
            LogCountFailed(exception, storeId, repId, sales.Length);
        }

        try
        {
            await rep.CatchUpFromLedger();
        }
        catch (Exception exception)
        {
            metrics.RepCountFailed(storeId, "catch_up_failed");
            LogCatchUpFailed(exception, storeId, repId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: {Count} sales credit rep id '{RepId}', which cannot be a rep's (blank, longer than 64 or only digits); they are in the ledger, no rep counts them")]
    private partial void LogUnusableRepId(string storeId, string repId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: rep {RepId} did not count {Count} durable sales; it is told to count its month from the ledger")]
    private partial void LogCountFailed(Exception exception, string storeId, string repId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: rep {RepId} could not count its month from the ledger either; it does when it next activates")]
    private partial void LogCatchUpFailed(Exception exception, string storeId, string repId);
}
