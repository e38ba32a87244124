using StoreSales.Contracts.Ingest;
using StoreSales.Data.DayEnd;
using StoreSales.ServiceDefaults.Limits;
using StoreSales.Silo.Access;

namespace StoreSales.Silo.Ingest;

public static partial class ZReportEndpoints
{
    public static IEndpointRouteBuilder MapZReports(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/stores/{storeId}/z-reports", PostZReport)
            .RequireAuthorization(StoreKeyAuthenticationHandler.SchemeName)
            .WithBodySize(BodySizeKind.Ingest)
            .WithName("PostZReport")
            .WithSummary("Record a till's day-end report (Z, 日结) from a store's edge agent")
            .WithDescription("Identified by (terminalId, businessDay): the same Z sent again changes nothing (duplicate: true); a different Z for a day that has one is refused with 409. The day is reconciled against the ledger and the store grain at once; a difference raises the 'reconciliation' intervention for the store manager.")
            .Produces<ZReportAck>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
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
        var body = new StoreBody<ZReportRecord>("Z report", ZReportValidator.Validate, "invalid_z_report", z => $"of terminal {z.TerminalId}");
        var read = await StoreRequests.Admit(http, storeId, body, metrics.Rejected, logger, cancellationToken);
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var z = read.Value!;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId} terminal {TerminalId}: a different Z report for {BusinessDay} refused (the first one stays)")]
    private static partial void LogConflict(ILogger logger, string storeId, string terminalId, DateOnly businessDay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId} terminal {TerminalId}: Z report for {BusinessDay} recorded (duplicate {Duplicate}), day {Verdict}")]
    private static partial void LogRecorded(ILogger logger, string storeId, string terminalId, DateOnly businessDay, bool duplicate, string verdict);
}
