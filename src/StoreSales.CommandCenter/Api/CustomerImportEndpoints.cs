using System.Security.Claims;
using StoreSales.CommandCenter.Access;
using StoreSales.CommandCenter.Customers;
using StoreSales.Data.Customers.Import;
using StoreSales.Domain.Access;
using StoreSales.Domain.SalesForce.Customers.Import;
using StoreSales.ServiceDefaults.Limits;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// CSV import of customers (docs/domain.md "Customer import"): upload a file, follow its job. The rows are worked in the
/// background by <see cref="CustomerImportWorker"/>, each judged as a create by the importer would be.
/// </summary>
public static class CustomerImportEndpoints
{
    public const string Import = "import";
    public const string ImportRead = "import-read";

    /// <summary>Most rows of the rejected/duplicate list one request answers.</summary>
    private const int MaxPage = 500;

    public static IEndpointRouteBuilder MapCustomerImportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/customers/import").WithTags("Customers").RequireAuthorization();

        api.MapPost("", Upload)
            .WithBodySize(BodySizeKind.FileUpload)
            .WithName("ImportCustomers")
            .WithSummary("Uploads a CSV file of customers and queues a job that imports it in the background (202, Location of the job)")
            .WithDescription(
                "multipart/form-data (a file field) or a text/csv body; UTF-8 with or without a byte order mark, comma separated, "
                + "a header required. Columns: " + string.Join(", ", ImportColumns.All) + " (required: " + string.Join(", ", ImportColumns.Required)
                + "; an unknown column refuses the file). Dates yyyy-MM-dd; service_from defaults to today. Each row is judged as "
                + "POST /api/customers would judge it for the importer: identity normalised and deduplicated (a row whose key another "
                + "customer holds, or an earlier row of the file, is a duplicate with that customer's id), owner rep and department "
                + "checked against master data, and the importer must lead the rep's team. Importing the same file again adds nothing "
                + "(row_key). Administrators, store managers and sales managers may import (else 403); a header that will not do, "
                + "an empty file or more than SalesForce:Customers:Import:MaxRows rows: 400 naming `file`.")
            .Accepts<IFormFile>("multipart/form-data", "text/csv")
            .Produces<CustomerImportAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            // An API for scripts as much as for the page (which uploads through its circuit, not this endpoint): no
            // antiforgery token to ask for. A form on another site cannot post here as the person: the sign-in cookie is
            // SameSite=Lax (the cookie handler's default), so a cross-site POST carries no sign-in and is answered 401.
            .DisableAntiforgery();

        api.MapGet("/{jobId}", async Task<IResult> (string jobId, int? afterRow, int? limit, CustomerImportJobs jobs, CustomerOutcomes outcomes, CustomerMetrics metrics, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var viewer = user.ToViewerScope();
                var job = await jobs.Find(jobId, viewer.Roles.Contains(ChainRoles.Admin) ? null : user.Identity?.Name ?? "", ct);
                if (job is null)
                {
                    metrics.Rejected(ImportRead, "not_found");
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown import job", detail: $"There is no import job '{jobId}'.");
                }

                var page = Math.Clamp(limit ?? 100, 1, MaxPage);
                var rows = await jobs.Issues(jobId, Math.Max(0, afterRow ?? 0), page, ct);
                return outcomes.Done(ImportRead, Results.Ok(CustomerImportProgress.Of(job, rows, page)));
            })
            .WithName("GetCustomerImport")
            .WithSummary("An import job: status, total, done, created, already imported, duplicates, rejected, and the rows that added nothing with why (paged)")
            .WithDescription(
                "`rows` lists rejected rows (the column at fault in `field`, a `reason` code such as invalid, required, unknown-rep, "
                + "unknown-department, not-allowed, bad-date, bad-shape, and a `message`) and duplicates (`field` is the key that "
                + "matched, `existingCustomerId` the customer holding it), in row order after `afterRow`, at most `limit` (1–500, "
                + "default 100); `nextAfterRow` asks for the next page. Seen by its importer and administrators; 404 for anyone else, "
                + "as for an unknown id.")
            .Produces<CustomerImportProgress>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> Upload(HttpRequest request, CustomerImportJobs jobs, CustomerImportSignal signal, CustomerOutcomes outcomes, CustomerMetrics metrics, ClaimsPrincipal user, CancellationToken ct)
    {
        var viewer = user.ToViewerScope();
        if (!CustomerAccessRule.CanImport(viewer))
        {
            return outcomes.NotAllowed(Import, "not_allowed", "Importing customers is for administrators and store or sales managers.");
        }

        CustomerImportSubmission submission;
        if (request.HasFormContentType)
        {
            if (await FormBody.Read(request, ct) is not { } form)
            {
                return outcomes.Invalid(Import, FormBody.Malformed, "Invalid import");
            }

            if ((form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null)) is not { } file)
            {
                return outcomes.Invalid(Import, new Dictionary<string, string[]> { ["file"] = ["The form has no file: send the CSV file in the field 'file'."] }, "Invalid import");
            }

            await using var content = file.OpenReadStream();
            submission = await jobs.Submit(content, Path.GetFileName(file.FileName), user.Identity?.Name ?? "unknown", viewer, ct);
        }
        else if (request.ContentType is { } type && (type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)))
        {
            submission = await jobs.Submit(request.Body, request.Headers["X-File-Name"].FirstOrDefault(), user.Identity?.Name ?? "unknown", viewer, ct);
        }
        else
        {
            metrics.Rejected(Import, "unsupported_media_type");
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported file", detail: "Send the file as multipart/form-data (field 'file') or as a text/csv body.");
        }

        switch (submission)
        {
            case CustomerImportQueued queued:
                signal.Uploaded();
                return outcomes.Done(Import, Results.Accepted($"/api/customers/import/{queued.JobId}", new CustomerImportAccepted(queued.JobId, queued.Total, "queued")));
            case CustomerImportFileRefused refused:
                return outcomes.Invalid(Import, new Dictionary<string, string[]> { ["file"] = [.. refused.Problems] }, "Invalid import file");
            case var other:
                throw new InvalidOperationException($"Unexpected import submission {other}.");
        }
    }
}
