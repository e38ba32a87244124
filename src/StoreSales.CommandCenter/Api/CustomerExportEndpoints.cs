using System.Security.Claims;
using CsvHelper;
using StoreSales.CommandCenter.Access;
using StoreSales.Data.Customers;
using StoreSales.Data.Customers.Export;
using StoreSales.Domain.Access;
using StoreSales.Domain.SalesForce.Customers.Import;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// Export of customers with their contact details (docs/domain.md "Customer export"): a right of its own
/// (<see cref="ChainRights.ExportContacts"/>), every attempt audited in <c>customer_export_audit</c>, refused or not.
/// </summary>
public static class CustomerExportEndpoints
{
    public const string Export = "export";

    /// <summary>The export's columns: the customer id, then the import's columns (so an export can be imported again).</summary>
    public static readonly string[] Columns = ["customer_id", .. ImportColumns.All];

    public static IEndpointRouteBuilder MapCustomerExportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/customers/export", Download)
            .WithTags("Customers")
            .RequireAuthorization()
            .WithName("ExportCustomers")
            .WithSummary("Exports the customers the caller may see as CSV, phones unmasked; only with the export-contacts right; every attempt audited")
            .WithDescription(
                "Filters: `departmentId`, `ownerRepId`, `kind` (member or account). Streams UTF-8 CSV (with a byte order mark, for "
                + "spreadsheets) with the columns " + string.Join(", ", Columns) + ", customers in id order, only those the caller may see "
                + "(CustomerAccessRule). Needs the `storesales:right` claim `export-contacts`: a store or sales manager without it gets 403. "
                + "Every attempt is written to `customer_export_audit` (who, when, filter, rows sent, allowed); a refused one with 0 rows.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<IResult> Download(
        HttpContext http, string? departmentId, string? ownerRepId, string? kind, CustomerExportReader reader, CustomerExportAudit audit,
        CustomerOutcomes outcomes, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var viewer = user.ToViewerScope();
        var who = user.Identity?.Name ?? "unknown";
        var filter = new CustomerExportFilter(Blank(departmentId), Blank(ownerRepId), Blank(kind)?.ToLowerInvariant());
        if (!CustomerAccessRule.CanExportContacts(viewer))
        {
            await audit.Record(who, filter, allowed: false, ct);
            return outcomes.NotAllowed(
                Export,
                "export-contacts",
                "Not allowed",
                "Exporting customers with their contact details needs the export-contacts right; the attempt has been recorded.");
        }

        if (filter.Kind is { } wanted && !StoredNames.TryCustomerKind(wanted, out _))
        {
            await audit.Record(who, filter, allowed: false, ct);
            return outcomes.Invalid(Export, new Dictionary<string, string[]> { ["kind"] = [$"'{kind}' is not a customer kind: use member or account."] }, "Invalid export");
        }

        var exportId = await audit.Record(who, filter, allowed: true, ct);
        var rows = 0;
        try
        {
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"customers-{clock.GetUtcNow():yyyyMMdd-HHmmss}.csv\"";
            // A name beginning with = @ - could run as a formula in a spreadsheet; phones begin with + and are digits only.
            var options = CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.Escape, InjectionCharacters = "=@-\t\r" };
            await using var csv = CsvWriter.Create(http.Response.Body, options, leaveOpen: true);
            csv.WriteHeader(Columns);
            await foreach (var customer in reader.Read(filter, ct))
            {
                // In the pool a customer is nobody's (as CustomerAccess reads it): its former owner sees it no more.
                if (CustomerAccessRule.Sight(viewer, customer.InPool ? "" : customer.OwnerRepId, customer.DepartmentId, customer.OwnerStoreId) == CustomerSight.Hidden)
                {
                    continue;
                }

                await csv.WriteRecordAsync(
                    [customer.CustomerId, customer.ImportRowKey, customer.Kind, customer.Name, customer.Phone, customer.CreditCode, customer.MemberCode,
                     customer.OwnerRepId, customer.DepartmentId, customer.ServiceFrom.ToString("yyyy-MM-dd"), customer.ServiceTo?.ToString("yyyy-MM-dd")],
                    ct);
                rows++;
            }

            await csv.FlushAsync(ct);
        }
        finally
        {
            // However the export ended (finished, or the client went away), the audit says how many rows went out.
            await audit.Finish(exportId, rows, CancellationToken.None);
        }

        return outcomes.Done(Export, Results.Empty);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
