using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Stores;
using StoreSales.Contracts.Ingest;
using StoreSales.Data.Ledger;
using StoreSales.Silo.Access;

namespace StoreSales.Silo.Ingest;

public static partial class IngestEndpoints
{
    public const string RateLimitPolicy = "ingest";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

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
        var keyStore = http.User.FindFirst(StoreKeyAuthenticationHandler.StoreClaim)?.Value;
        if (!string.Equals(keyStore, storeId, StringComparison.Ordinal))
        {
            metrics.Rejected("wrong_store");
            return Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Wrong store",
                detail: $"This store key belongs to '{keyStore}', not to '{storeId}'.");
        }

        SaleBatch? batch;
        try
        {
            batch = await JsonSerializer.DeserializeAsync<SaleBatch>(http.Request.Body, JsonOptions, cancellationToken);
        }
        catch (JsonException exception)
        {
            metrics.Rejected("malformed_json");
            var field = string.IsNullOrEmpty(exception.Path) ? "body" : exception.Path.TrimStart('$', '.');
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { [field] = [$"Not readable as JSON of the expected shape: {exception.Message}"] },
                title: "Malformed sale batch");
        }

        if (batch is null)
        {
            metrics.Rejected("empty_body");
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["A sale batch is required."] }, title: "Malformed sale batch");
        }

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
