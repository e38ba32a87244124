using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Stores;
using StoreSales.Contracts.Ingest;
using StoreSales.Data.Ledger;
using StoreSales.ServiceDefaults.Limits;
using StoreSales.Silo.Access;

namespace StoreSales.Silo.Ingest;

public static partial class IngestEndpoints
{
    public static IEndpointRouteBuilder MapIngest(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/stores/{storeId}/sales/batches", PostBatch)
            .RequireAuthorization(StoreKeyAuthenticationHandler.SchemeName)
            .WithBodySize(BodySizeKind.Ingest)
            .WithName("PostSaleBatch")
            .WithSummary("Record a batch of sales from a store's edge agent")
            .WithDescription("Each sale is identified by (terminalId, sequence): a batch sent again, or overlapping an earlier one, changes nothing the second time. A batch sending a recorded (terminalId, sequence) with other content is refused whole with 409 `sequence-conflict` naming the terminal and sequence (`conflicts` lists them all); nothing of it is recorded. The response lists every sale that is durable. Batches marked catchUp wait behind live ones (with a share kept for them); a full lane answers 503 with Retry-After. A sale's repId credits that rep: the rep's figures count it after the ack.")
            .Produces<BatchAck>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    /// <summary>
    /// The ledger commit (grouped with other stores' batches) is the ack's condition: an ack always means durable, and a
    /// failure before it is safe to retry. The store grain then counts the batch; the ack waits for that at most
    /// <see cref="IngestOptions.CountWait"/>, because a slow or busy grain must never hold a till's batch (the grain
    /// still gets the call, and when the call is lost the grain counts its ledger tail). The reps credited with sales of
    /// the batch hear of them off the ack (<see cref="RepSalesFeed"/>), and so do the customers whose member codes they carry
    /// (<see cref="MemberSalesFeed"/>): the ack waits for none of them.
    /// </summary>
    private static async Task<IResult> PostBatch(
        string storeId,
        HttpContext http,
        SaleLedger ledger,
        IGrainFactory grains,
        RepSalesFeed reps,
        MemberSalesFeed members,
        SequenceConflictAlerts conflictAlerts,
        LateSaleReconciliation lateSales,
        IOptions<IngestOptions> options,
        IngestMetrics metrics,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger("StoreSales.Ingest");
        var started = Stopwatch.GetTimestamp();
        var pausedBefore = GC.GetTotalPauseDuration();
        var body = new StoreBody<SaleBatch>("sale batch", b => SaleBatchValidator.Validate(b, options.Value), "invalid_sale", b => b.BatchId);
        var read = await StoreRequests.Admit(http, storeId, body, metrics.Rejected, logger, cancellationToken);
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var batch = read.Value!;
        var lane = batch.CatchUp ? IngestLane.CatchUp : IngestLane.Live;
        var admitted = Stopwatch.GetElapsedTime(started);
        LedgerAppended appended;
        try
        {
            appended = await ledger.AppendTimed(storeId, batch.Sales, lane, cancellationToken);
        }
        catch (LedgerBusyException busy)
        {
            metrics.Rejected(busy.Lane == IngestLane.Live ? "busy_live" : "busy_catch_up");
            return StoreRequests.Busy(http, busy.Lane == IngestLane.Live ? options.Value.BusyRetryAfter : options.Value.CatchUpBusyRetryAfter, busy.Message);
        }

        catch (SaleSequenceConflictException conflict)
        {
            metrics.Rejected("sequence_conflict");
            LogConflict(logger, storeId, batch.BatchId, conflict.Conflicts.Count, conflict.Conflicts[0].TerminalId, conflict.Conflicts[0].Sequence);
            conflictAlerts.Raise(storeId, conflict.Conflicts);
            return SequenceConflictProblem.Of(conflict.Conflicts);
        }

        var inserted = appended.Inserted;
        reps.Hear(storeId, batch.Sales);
        members.Hear(storeId, batch.Sales);

        // Every sale of the batch goes to the grain, not only the new ones: if an earlier attempt committed the ledger
        // but the grain never counted it, the grain counts it now, and only once (it dedups by terminal and sequence).
        var counting = Stopwatch.GetTimestamp();
        var counted = await Count(grains.GetGrain<IStoreGrain>(storeId), batch.Sales, options.Value.CountWait, metrics, logger, storeId);
        // Where the ack's time went, for the agent's log and for anyone measuring (W3C Server-Timing).
        http.Response.Headers["Server-Timing"] = IngestServerTiming.Of(IngestServerTiming.BeforeHandler(http, started), admitted, appended, Stopwatch.GetElapsedTime(counting), GC.GetTotalPauseDuration() - pausedBefore);

        // After the count: a day reconciles equal only once the store grain has counted the late sale too.
        lateSales.Hear(storeId, inserted);

        metrics.Accepted(storeId, inserted.Count);
        metrics.Duplicates(storeId, batch.Sales.Count - inserted.Count);
        metrics.Acked(Stopwatch.GetElapsedTime(started).TotalMilliseconds, lane);
        LogAcked(logger, storeId, batch.BatchId, inserted.Count, batch.Sales.Count - inserted.Count, counted?.Applied);

        return Results.Ok(new BatchAck
        {
            BatchId = batch.BatchId,
            Accepted = inserted.Count,
            Duplicates = batch.Sales.Count - inserted.Count,
            Durable = batch.Sales.Select(s => new SaleKey(s.TerminalId, s.Sequence)).ToList(),
            ServerTime = DateTimeOffset.UtcNow,
        });
    }

    /// <summary>
    /// The grain's count of the batch, or null when it did not answer within <paramref name="wait"/> or failed. A call
    /// that finally fails (Orleans drops a call that waited past its own timeout) leaves durable sales uncounted in an
    /// active grain: the grain is then told to count its ledger tail, so the figures do not wait for its next activation.
    /// </summary>
    private static async Task<SalesApplied?> Count(IStoreGrain store, IReadOnlyList<SaleRecord> sales, TimeSpan wait, IngestMetrics metrics, ILogger logger, string storeId)
    {
        var counting = store.ApplySales(ToStoreSales(sales));
        try
        {
            return await counting.WaitAsync(wait);
        }
        catch (TimeoutException) when (!counting.IsCompleted)
        {
            metrics.CountDeferred(storeId, "slow");
            _ = counting.ContinueWith(
                t => CatchUp(store, t.Exception!, logger, storeId),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted,
                TaskScheduler.Default);
            return null;
        }
        catch (Exception exception)
        {
            metrics.CountDeferred(storeId, "failed");
            CatchUp(store, exception, logger, storeId);
            return null;
        }
    }

    private static void CatchUp(IStoreGrain store, Exception countFailure, ILogger logger, string storeId)
    {
        LogCountFailed(logger, countFailure, storeId);
        _ = store.CatchUpFromLedger().ContinueWith(
            t => LogCatchUpFailed(logger, t.Exception!, storeId),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
    }

    private static ImmutableArray<StoreSale> ToStoreSales(IReadOnlyList<SaleRecord> sales) =>
        sales.Select(s => new StoreSale(
                s.TerminalId,
                s.Sequence,
                s.RungUpAt,
                s.Total,
                s.Lines.Select(l => new StoreSaleLine(l.ItemCode, l.Quantity, l.Amount)).ToImmutableArray()))
            .ToImmutableArray();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId} batch {BatchId} refused: {Conflicts} sale(s) reuse a recorded sequence with other content, the first terminal {TerminalId} sequence {Sequence}")]
    private static partial void LogConflict(ILogger logger, string storeId, string? batchId, int conflicts, string terminalId, long sequence);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Store {StoreId} batch {BatchId}: {Accepted} new, {Duplicates} already recorded, {Applied} counted live")]
    private static partial void LogAcked(ILogger logger, string storeId, string? batchId, int accepted, int duplicates, int? applied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: the store grain did not count a durable batch; it is told to count its ledger tail")]
    private static partial void LogCountFailed(ILogger logger, Exception exception, string storeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: the store grain could not count its ledger tail either; it does when it next activates")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception exception, string storeId);
}
