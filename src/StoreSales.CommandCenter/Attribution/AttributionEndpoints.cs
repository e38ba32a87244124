using System.Security.Claims;
using Microsoft.Extensions.Localization;
using StoreSales.CommandCenter.Resources;

namespace StoreSales.CommandCenter.Attribution;

/// <summary>
/// The attribution report (目标达成归因报告, docs/domain.md "Attribution report") over HTTP: as JSON, CSV and PDF, each
/// scoped by <see cref="AttributionDesk"/> (HQ the chain, a regional manager their region, a store manager their store).
/// </summary>
public static class AttributionEndpoints
{
    private const string MonthDescription =
        "`month`: `yyyy-MM`, a month whose report has been generated (on `Targets:Attribution:GenerateOnDay` of the month "
        + "after, chain time). HQ and administrators read every store and region; a regional manager or field supervisor their "
        + "region's stores and roll-up; a store manager their own store's line (no region roll-up). Anyone else gets 403, a "
        + "month not generated yet 404, a malformed month 400 naming `month`.";

    public static IEndpointRouteBuilder MapAttributionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/attribution").WithTags("Attribution").RequireAuthorization();

        api.MapGet("/{month}", Json)
            .WithName("GetAttributionReport")
            .WithSummary("A month's attribution report: per store and per region, target, actual, gap and the gap split into objective causes, management gaps and the unexplained rest")
            .WithDescription(MonthDescription + " Each store carries its causes (side, kind, source record, opening hours, estimated cost, part of the gap explained).")
            .Produces<AttributionAnswer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/{month}/export.csv", Csv)
            .WithName("ExportAttributionReportCsv")
            .WithSummary("The attribution report as CSV: a line per store, then a line per cause of its gap")
            .WithDescription(MonthDescription + " Columns: " + string.Join(", ", AttributionCsv.Columns) + ".")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/{month}/export.pdf", Pdf)
            .WithName("ExportAttributionReportPdf")
            .WithSummary("The attribution report as PDF: the regions' gap split as bars and a table, then every store with its causes")
            .WithDescription(MonthDescription + " Labels in the caller's language (Accept-Language or the culture cookie: en or zh-CN); names as the chain keeps them, Chinese included.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> Json(string month, AttributionDesk desk, ClaimsPrincipal user, CancellationToken ct)
    {
        var read = await desk.Read(user, month, "report", ct);
        return read.Report is { } report ? Results.Ok(AttributionAnswer.Of(report)) : Refused(read.Refusal!.Value, month);
    }

    private static async Task<IResult> Csv(string month, HttpContext http, AttributionDesk desk, ClaimsPrincipal user, CancellationToken ct)
    {
        var read = await desk.Read(user, month, "export-csv", ct);
        if (read.Report is not { } report)
        {
            return Refused(read.Refusal!.Value, month);
        }

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"attribution-{month}.csv\"";
        await AttributionCsv.Write(http.Response.Body, report, ct);
        return Results.Empty;
    }

    private static async Task<IResult> Pdf(string month, AttributionDesk desk, IStringLocalizer<Labels> labels, ReportFonts fonts, ClaimsPrincipal user, CancellationToken ct)
    {
        var read = await desk.Read(user, month, "export-pdf", ct);
        return read.Report is { } report
            ? Results.File(AttributionPdf.Render(report, labels, fonts), "application/pdf", $"attribution-{month}.pdf")
            : Refused(read.Refusal!.Value, month);
    }

    private static IResult Refused(AttributionRefusal refusal, string month) => refusal switch
    {
        AttributionRefusal.InvalidMonth => Results.ValidationProblem(
            new Dictionary<string, string[]>(StringComparer.Ordinal) { ["month"] = [$"'{month}' is not a month: write yyyy-MM, such as 2026-11."] },
            title: "Invalid month"),
        AttributionRefusal.NotInScope => Results.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Not in your scope",
            detail: "The attribution report is read by HQ, a region's manager and supervisors, and a store's manager."),
        _ => Results.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "No report for this month",
            detail: $"The attribution report for {month} has not been generated: a month is reported on Targets:Attribution:GenerateOnDay of the month after."),
    };
}
