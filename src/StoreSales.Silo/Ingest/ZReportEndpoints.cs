using StoreSales.Contracts.Ingest;
using StoreSales.Data.DayEnd;
using StoreSales.Silo.Access;

namespace StoreSales.Silo.Ingest;

public static partial class ZReportEndpoints
{
    public static IEndpointRouteBuilder MapZReports(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/stores/{storeId}/z-reports", PostZReport)
            .RequireAuthorization(StoreKeyAuthenticationHandler.SchemeName)
            .WithName("PostZReport")
            .WithSummary("Record a till's day-end report (Z, 日结) from a store's edge agent")
            .WithDescription("Identified by (terminalId, businessDay): the same Z sent again changes nothing (duplicate: true); a different Z for a day that has one is refused with 409. The day is reconciled against the ledger and the store grain at once; a difference raises the 'reconciliation' intervention for the store manager.")
            .Produces<ZReportAck>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> PostZReport(
        string storeId,
        HttpContext http,
        ZReports zReports,
        DayEndReconciler reconciler,
        ReconciliationAlerts alerts,
        IngestMetrics metrics,
        TimeProvider clock,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger("StoreSales.Ingest.ZReports");
        if (StoreRequests.WrongStore(http, storeId) is { } forbidden)
        {
            metrics.Rejected("wrong_store");
            return forbidden;
        }

        var read = await StoreRequests.ReadJson<ZReportRecord>(http, "Malformed Z report", "A Z report", cancellationToken);
        if (read.Problem is not null)
        {
            metrics.Rejected(read.Reason!);
            return read.Problem;
        }

        var z = read.Value!;
        var errors = ZReportValidator.Validate(z);
        if (errors.Count > 0)
        {
            metrics.Rejected("invalid_z_report");
            LogRejected(logger, storeId, z.TerminalId, string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
            return Results.ValidationProblem(errors, title: "Invalid Z report");
        }

        var write = await zReports.Record(storeId, z, cancellationToken);
        if (write == ZReportWrite.Conflict)
        {
            metrics.Rejected("z_report_conflict");
            LogConflict(logger, storeId, z.TerminalId, z.BusinessDay);
            return Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Conflicting Z report",
                detail: $"Terminal '{z.TerminalId}' already has a different Z report for {z.BusinessDay:yyyy-MM-dd}; the first one stays. A till closes a business day once.");
        }

        var day = await reconciler.Reconcile(storeId, z.BusinessDay, cancellationToken);
        var terminal = day.Terminals.Single(t => t.TerminalId == z.TerminalId);
        if (write == ZReportWrite.Recorded)
        {
            await alerts.Raise(storeId, terminal, cancellationToken);
        }

        LogRecorded(logger, storeId, z.TerminalId, z.BusinessDay, write == ZReportWrite.Duplicate, terminal.Verdict.ToString());
        return Results.Ok(new ZReportAck
        {
            TerminalId = z.TerminalId,
            BusinessDay = z.BusinessDay,
            Duplicate = write == ZReportWrite.Duplicate,
            Verdict = terminal.Verdict.ToString().ToLowerInvariant(),
            ServerTime = clock.GetUtcNow(),
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId} terminal {TerminalId}: Z report rejected: {Errors}")]
    private static partial void LogRejected(ILogger logger, string storeId, string terminalId, string errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId} terminal {TerminalId}: a different Z report for {BusinessDay} refused (the first one stays)")]
    private static partial void LogConflict(ILogger logger, string storeId, string terminalId, DateOnly businessDay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId} terminal {TerminalId}: Z report for {BusinessDay} recorded (duplicate {Duplicate}), day {Verdict}")]
    private static partial void LogRecorded(ILogger logger, string storeId, string terminalId, DateOnly businessDay, bool duplicate, string verdict);
}
