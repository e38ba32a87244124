using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Stores;
using StoreSales.Contracts.Ingest;
using StoreSales.Data.Ledger;
using StoreSales.Silo.Access;

namespace StoreSales.Silo.Ingest;

public static partial class IngestEndpoints
{
    public const string RateLimitPolicy = "ingest";

    public static IEndpointRouteBuilder MapIngest(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/stores/{storeId}/sales/batches", PostBatch)
            .RequireAuthorization(StoreKeyAuthenticationHandler.SchemeName)
            .RequireRateLimiting(RateLimitPolicy)
            .WithName("PostSaleBatch")
            .WithSummary("Record a batch of sales from a store's edge agent")
            .WithDescription("Each sale is identified by (terminalId, sequence): a batch sent again, or overlapping an earlier one, changes nothing the second time. The response lists every sale that is durable.")
            .Produces<BatchAck>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>
    /// Ledger first (committed), then the store's live figures (persisted), then the ack: an ack always means
    /// durable, and a failure anywhere before it is safe to retry.
    /// </summary>
    private static async Task<IResult> PostBatch(
        string storeId,
        HttpContext http,
        SaleLedger ledger,
        IGrainFactory grains,
        IOptions<IngestOptions> options,
        IngestMetrics metrics,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger("StoreSales.Ingest");
        var started = Stopwatch.GetTimestamp();
        if (StoreRequests.WrongStore(http, storeId) is { } forbidden)
        {
            metrics.Rejected("wrong_store");
            return forbidden;
        }

        var read = await StoreRequests.ReadJson<SaleBatch>(http, "Malformed sale batch", "A sale batch", cancellationToken);
        if (read.Problem is not null)
        {
            metrics.Rejected(read.Reason!);
            return read.Problem;
        }

        var batch = read.Value!;
        var errors = SaleBatchValidator.Validate(batch, options.Value);
        if (errors.Count > 0)
        {
            metrics.Rejected("invalid_sale");
            LogRejected(logger, storeId, batch.BatchId, string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
            return Results.ValidationProblem(errors, title: "Invalid sale batch");
        }

        var inserted = await ledger.Append(storeId, batch.Sales, cancellationToken);

        // Every sale of the batch goes to the grain, not only the new ones: if an earlier attempt committed the
        // ledger but failed before the grain saved, the grain still counts it now, and only once.
        var applied = await grains.GetGrain<IStoreGrain>(storeId).ApplySales(ToStoreSales(batch.Sales));

        metrics.Accepted(storeId, inserted.Count);
        metrics.Duplicates(storeId, batch.Sales.Count - inserted.Count);
        metrics.Acked(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        LogAcked(logger, storeId, batch.BatchId, inserted.Count, batch.Sales.Count - inserted.Count, applied.Applied);

        return Results.Ok(new BatchAck
        {
            BatchId = batch.BatchId,
            Accepted = inserted.Count,
            Duplicates = batch.Sales.Count - inserted.Count,
            Durable = batch.Sales.Select(s => new SaleKey(s.TerminalId, s.Sequence)).ToList(),
            ServerTime = DateTimeOffset.UtcNow,
        });
    }

    private static ImmutableArray<StoreSale> ToStoreSales(IReadOnlyList<SaleRecord> sales) =>
        sales.Select(s => new StoreSale(
                s.TerminalId,
                s.Sequence,
                s.RungUpAt,
                s.Total,
                s.Lines.Select(l => new StoreSaleLine(l.ItemCode, l.Quantity, l.Amount)).ToImmutableArray()))
            .ToImmutableArray();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId} batch {BatchId} rejected: {Errors}")]
    private static partial void LogRejected(ILogger logger, string storeId, string? batchId, string errors);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Store {StoreId} batch {BatchId}: {Accepted} new, {Duplicates} already recorded, {Applied} counted live")]
    private static partial void LogAcked(ILogger logger, string storeId, string? batchId, int accepted, int duplicates, int applied);
}
