using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Stores;
using StoreSales.Contracts.Ingest;
using StoreSales.Data.Ledger;
using StoreSales.ServiceDefaults.Limits;
using StoreSales.Silo.Access;

namespace StoreSales.Silo.Ingest;

/// <summary>
/// The scan stream's endpoint: a store's agent posts its scans here, apart from its sales, so the sales' ack path does
/// no work for scans. Same store key, same rejections (403 wrong store, 400 naming the field, counted by reason), same
/// back-pressure (503 with Retry-After), same dedup by (terminal, sequence).
/// </summary>
public static partial class ScanEndpoints
{
    public static IEndpointRouteBuilder MapScanIngest(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/stores/{storeId}/scans/batches", PostScans)
            .RequireAuthorization(StoreKeyAuthenticationHandler.SchemeName)
            .WithBodySize(BodySizeKind.Ingest)
            .WithName("PostScanBatch")
            .WithSummary("Record a batch of scans from a store's edge agent")
            .WithDescription("Each scan is identified by (terminalId, sequence), the agent's scan sequence per terminal: a batch sent again, or overlapping an earlier one, changes nothing the second time. The response lists every scan that is durable. Scans of terminals configured scan-sourced (HotItems:ScanSourcedTerminals) move the store's hot items at once. A full scan ledger answers 503 with Retry-After.")
            .Produces<BatchAck>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    /// <summary>
    /// Durable first, then the hot items: only the scans the ledger did not hold go to the store grain, without the ack
    /// waiting for it (the heatmap is a live view; the ledger is the record, and an activating grain reads its window from it).
    /// </summary>
    private static async Task<IResult> PostScans(
        string storeId,
        HttpContext http,
        ScanLedger ledger,
        IGrainFactory grains,
        IOptions<ScanLedgerOptions> options,
        IngestMetrics metrics,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger("StoreSales.Ingest.Scans");
        var body = new StoreBody<ScanBatch>("scan batch", b => ScanBatchValidator.Validate(b, options.Value), "invalid_scan", b => b.BatchId);
        var read = await StoreRequests.Admit(http, storeId, body, metrics.ScansRejected, logger, cancellationToken);
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var batch = read.Value!;
        IReadOnlyList<SaleKey> inserted;
        try
        {
            inserted = await ledger.Append(storeId, batch.Scans, cancellationToken);
        }
        catch (ScanLedgerBusyException busy)
        {
            metrics.ScansRejected("busy");
            return StoreRequests.Busy(http, options.Value.BusyRetryAfter, busy.Message);
        }

        if (inserted.Count > 0)
        {
            var fresh = inserted.ToHashSet();
            var scans = batch.Scans
                .Where(s => fresh.Contains(new SaleKey(s.TerminalId, s.Sequence)))
                .Select(s => new StoreScan(s.TerminalId, s.Sequence, s.ScannedAt, s.Code, ScanKinds.IsItem(s.Kind), s.WeightKg))
                .ToImmutableArray();
            _ = grains.GetGrain<IStoreGrain>(storeId).ApplyScans(scans).ContinueWith(
                t =>
                {
                    metrics.ScansNotCounted(storeId);
                    LogNotCounted(logger, t.Exception!, storeId, scans.Length);
                },
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted,
                TaskScheduler.Default);
        }

        metrics.ScansAccepted(storeId, inserted.Count, batch.Scans.Count - inserted.Count);
        return Results.Ok(new BatchAck
        {
            BatchId = batch.BatchId,
            Accepted = inserted.Count,
            Duplicates = batch.Scans.Count - inserted.Count,
            Durable = [.. batch.Scans.Select(s => new SaleKey(s.TerminalId, s.Sequence))],
            ServerTime = DateTimeOffset.UtcNow,
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: the store grain did not take {Count} durable scans; its hot items miss them until it next activates")]
    private static partial void LogNotCounted(ILogger logger, Exception exception, string storeId, int count);
}
