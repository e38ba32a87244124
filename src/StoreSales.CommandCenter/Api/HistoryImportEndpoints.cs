using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using StoreSales.CommandCenter.Access;
using StoreSales.CommandCenter.History;
using StoreSales.Data.History;
using StoreSales.Domain.Access;
using StoreSales.Domain.Sales.History;
using StoreSales.ServiceDefaults.Limits;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// Import of past POS sales into the ledger (docs/domain.md "History import"): upload a CSV file, follow its job. The
/// file is checked as it arrives; its good rows are written in the background by <see cref="HistoryImportWorker"/>.
/// </summary>
public static class HistoryImportEndpoints
{
    public const string Import = "import";
    public const string ImportRead = "import-read";

    /// <summary>Most bad rows one request lists.</summary>
    private const int MaxPage = 500;

    public static IEndpointRouteBuilder MapHistoryImportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/history/import").WithTags("History").RequireAuthorization();

        api.MapPost("", Upload)
            .WithBodySize(BodySizeKind.FileUpload)
            .WithName("ImportHistory")
            .WithSummary("Uploads a CSV file of past POS sales; checks every row and queues a job that writes the good ones into the ledger (202, Location of the job)")
            .WithDescription(
                "A text/csv body (any size up to History:Import:MaxFileBytes) or multipart/form-data (a file field; bounded by the server's form limit). "
                + "UTF-8, comma separated, a header naming the columns " + string.Join(", ", HistoryColumns.All) + " in any order. "
                + "time: yyyy-MM-dd HH:mm:ss in the store's own time zone, or with Z / an offset for that exact moment, whole seconds; "
                + "a store-local day from today on is refused (the tills own it). quantity > 0 (≤ 3 decimals), amount ≥ 0 (≤ 2 decimals), '.' as decimal point. "
                + "Rows of the same store, terminal and second are the lines of one sale, written under terminal `hist:{terminal}`; "
                + "importing a file again adds nothing. `onBadRow`: `skip` (default; bad rows are listed with their line and the rest imported) "
                + "or `stop` (the first bad row refuses the file: 400 naming its line, column and reason, nothing written). HQ and administrators only (else 403).")
            .Accepts<IFormFile>("text/csv", "multipart/form-data")
            .Produces<HistoryImportAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            // For scripts as much as for the page (which uploads through its circuit): no antiforgery token to ask for. A form on
            // another site cannot post here as the person: the sign-in cookie is SameSite=Lax, so a cross-site POST is 401.
            .DisableAntiforgery();

        api.MapGet("/{jobId}", async Task<IResult> (string jobId, long? afterLine, int? limit, HistoryImportJobs jobs, HistoryImportMetrics metrics, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var viewer = user.ToViewerScope();
                // Another importer's job is as unknown as a job that does not exist; administrators see every job.
                var job = HistoryImportRight.CanImport(viewer)
                    ? await jobs.Find(jobId, viewer.Roles.Contains(ChainRoles.Admin) ? null : user.Identity?.Name ?? "", ct)
                    : null;
                if (job is null)
                {
                    metrics.Rejected(ImportRead, "not_found");
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown import job", detail: $"There is no history import job '{jobId}'.");
                }

                var page = Math.Clamp(limit ?? 100, 1, MaxPage);
                var problems = await jobs.Problems(jobId, Math.Max(0, afterLine ?? 0), page, ct);
                metrics.Accepted(ImportRead);
                return Results.Ok(HistoryImportProgress.Of(job, problems, page));
            })
            .WithName("GetHistoryImport")
            .WithSummary("A history import job: status, rows done of its good rows, bad rows, sales added and already held, the days it spans, and its bad rows with line and reason (paged)")
            .WithDescription(
                "`badRowsListed`: the bad rows after `afterLine` in line order (the header is line 1), at most `limit` (1–500, default 100), each with "
                + "its column in `field` (null: the line's field count), a `reason` code (required, invalid, unknown-store, bad-time, today-or-later, "
                + "not-positive, negative, bad-shape) and a `message`; `nextAfterLine` asks for the next page. The first History:Import:ListedProblems "
                + "bad rows are kept; `badRows` counts all. Seen by its importer and administrators; 404 for anyone else, as for an unknown id.")
            .Produces<HistoryImportProgress>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> Upload(
        HttpContext context, string? onBadRow, HistoryImportJobs jobs, HistoryImportSignal signal, HistoryImportMetrics metrics, IOptions<HistoryImportOptions> options, ClaimsPrincipal user, CancellationToken ct)
    {
        var request = context.Request;
        if (!HistoryImportRight.CanImport(user.ToViewerScope()))
        {
            metrics.Rejected(Import, "not_allowed");
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: "Importing sales history is for head office and administrators.");
        }

        var mode = string.IsNullOrEmpty(onBadRow) ? HistoryBadRows.Skip : onBadRow;
        if (!HistoryBadRows.IsKnown(mode))
        {
            metrics.Rejected(Import, "invalid_on_bad_row");
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["onBadRow"] = [$"Must be '{HistoryBadRows.Skip}' or '{HistoryBadRows.Stop}' (was '{onBadRow}')."] }, title: "Invalid import");
        }

        // Ten million rows are several hundred MB: file uploads have Limits:MaxFileUploadBytes (4 GiB by default, set before
        // the endpoint runs); a smaller History:Import:MaxFileBytes lowers it for this import.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = Math.Min(options.Value.MaxFileBytes, limit.MaxRequestBodySize ?? long.MaxValue);
        }

        if (request.ContentLength > options.Value.MaxFileBytes)
        {
            metrics.Rejected(Import, "too_large");
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large", detail: $"The file is larger than History:Import:MaxFileBytes ({options.Value.MaxFileBytes} bytes): split it.");
        }

        var importedBy = user.Identity?.Name ?? "unknown";
        HistoryImportSubmission submission;
        if (request.HasFormContentType)
        {
            if (await FormBody.Read(request, ct) is not { } form)
            {
                metrics.Rejected(Import, "invalid_file");
                return Results.ValidationProblem(FormBody.Malformed, title: "Invalid import");
            }

            if ((form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null)) is not { } file)
            {
                metrics.Rejected(Import, "invalid_file");
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["The form has no file: send the CSV file in the field 'file'."] }, title: "Invalid import");
            }

            await using var content = file.OpenReadStream();
            submission = await jobs.Submit(content, Path.GetFileName(file.FileName), importedBy, mode, ct);
        }
        else if (request.ContentType is { } type && (type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)))
        {
            submission = await jobs.Submit(request.Body, request.Headers["X-File-Name"].FirstOrDefault(), importedBy, mode, ct);
        }
        else
        {
            metrics.Rejected(Import, "unsupported_media_type");
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported file", detail: "Send the file as a text/csv body or as multipart/form-data (field 'file').");
        }

        switch (submission)
        {
            case HistoryImportQueued queued:
                signal.Uploaded();
                metrics.Accepted(Import);
                metrics.Uploaded(queued);
                return Results.Accepted($"/api/history/import/{queued.JobId}", new HistoryImportAccepted(queued.JobId, queued.TotalRows, queued.BadRows, "queued"));
            case HistoryImportRefused { FirstBadRow: { } bad } refused:
                metrics.Rejected(Import, "bad_row_" + bad.Reason.Replace('-', '_'));
                return Results.ValidationProblem(
                    new Dictionary<string, string[]> { [$"line {bad.Line}" + (bad.Field is { } field ? $".{field}" : "")] = [.. refused.Problems] },
                    title: "Bad row: nothing imported",
                    extensions: new Dictionary<string, object?> { ["line"] = bad.Line, ["field"] = bad.Field, ["reason"] = bad.Reason });
            case HistoryImportRefused refused:
                metrics.Rejected(Import, "invalid_file");
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [.. refused.Problems] }, title: "Invalid import file");
            case var other:
                throw new InvalidOperationException($"Unexpected import submission {other}.");
        }
    }
}
