using System.Globalization;
using System.Security.Claims;
using System.Text;
using StoreSales.CommandCenter.ContractToCash;
using StoreSales.CommandCenter.Credit;
using StoreSales.Data.ContractToCash;
using StoreSales.Domain.ContractToCash;
using StoreSales.ServiceDefaults.Limits;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// Contract to cash and the three-way match board (docs/domain.md "Contract to cash"): contracts, their documents (JSON
/// or the ERP's CSV, idempotent by number), a customer's contracts, the board with its drill-down and CSV export.
/// <see cref="ContractDesk"/> scopes, checks and keeps; every answer is counted in <see cref="CreditMetrics"/>.
/// </summary>
public static class ContractToCashEndpoints
{
    private static readonly Dictionary<string, ContractDocumentKind> DocumentKinds = new(StringComparer.Ordinal)
    {
        [ContractImportKinds.Shipments] = ContractDocumentKind.Shipment,
        [ContractImportKinds.SignOffs] = ContractDocumentKind.SignOff,
        [ContractImportKinds.Invoices] = ContractDocumentKind.Invoice,
        [ContractImportKinds.Payments] = ContractDocumentKind.Payment,
    };

    public static IEndpointRouteBuilder MapContractToCashApi(this IEndpointRouteBuilder app)
    {
        var contracts = app.MapGroup("/api/contracts").WithTags("Contract to cash").RequireAuthorization();

        contracts.MapPost("/", async Task<IResult> (HttpRequest request, ContractDesk desk, CreditMetrics metrics, ClaimsPrincipal user, CancellationToken ct) =>
                await CreditEndpoints.WithBody<ContractRequest>(request, metrics, ContractDesk.ContractOperation, body => desk.RecordContract(user, body, ct), ct))
            .WithName("RecordContract")
            .WithSummary("Keeps a signed contract of a B2B customer with its receivable plan (instalments from the payment terms)")
            .WithDescription(
                "Finance, administrators, the customer's owner rep and the team's manager (403 `rule`: `contract-keeper`); a customer out of sight is 404. "
                + "Idempotent by `contractId` (200 `outcome` `already-recorded`; other figures 409 `changed-figures`). With `opportunityId` the opportunity "
                + "must be the customer's and at the contract stage or beyond (400 `opportunityId`: `opportunity-not-at-contract`), one contract per "
                + "opportunity (409 `opportunity-has-contract`); `customerId`, `net` and `title` default to the opportunity's. `paymentTerms` defaults to "
                + "`ContractToCash:DefaultPaymentTerms`, `taxRate` to `ContractToCash:TaxRate`; tax and gross are computed to the cent. `lines` (optional, at "
                + "most `ContractToCash:MaxContractLines`): `item`, `description`, `quantity`, `unitPrice`, optional `amount` (= quantity × unit price to the "
                + "cent, else 400 `lines[i].amount`); numbered 1, 2, … in order; the net is their sum (a `net` that differs is 400 `net`), the tax shared per line.")
            .Accepts<ContractRequest>("application/json")
            .ProducesKept();

        contracts.MapGet("/{contractId}", async Task<IResult> (string contractId, ContractDesk desk, CreditMetrics metrics, ClaimsPrincipal user, CancellationToken ct) =>
                (await desk.Contract(user, contractId, ct) is { } contract
                    ? new CreditResult.Done(contract)
                    : (CreditResult)new CreditResult.NotFound("contract", contractId)).Answer(metrics, ContractDesk.ReadOperation))
            .WithName("GetContract")
            .WithSummary("A contract with its receivable plan (paid and overdue per instalment) and every linked document")
            .WithDescription("Seen by finance and whoever sees the customer; anyone else 404, as for an unknown contract.")
            .Produces<ContractRecord>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/customers/{customerId}/contracts", async Task<IResult> (string customerId, ContractDesk desk, CreditMetrics metrics, ClaimsPrincipal user, CancellationToken ct) =>
                (await desk.ForCustomer(user, customerId, ct) is { } list
                    ? new CreditResult.Done(list)
                    : (CreditResult)new CreditResult.NotFound("customer", customerId)).Answer(metrics, ContractDesk.ReadOperation))
            .RequireAuthorization()
            .WithTags("Contract to cash")
            .WithName("GetCustomerContracts")
            .WithSummary("A B2B customer's contracts, newest signed first, each with its plan and documents")
            .WithDescription("Seen by finance and whoever sees the customer; out of scope, unknown or a member: 404 alike.")
            .Produces<IReadOnlyList<ContractRecord>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        var documents = app.MapGroup("/api/contract-documents").WithTags("Contract to cash").RequireAuthorization();

        documents.MapPost("/{kind}", async Task<IResult> (string kind, HttpRequest request, ContractDesk desk, CreditMetrics metrics, ClaimsPrincipal user, CancellationToken ct) =>
                DocumentKinds.TryGetValue(kind, out var documentKind)
                    ? await CreditEndpoints.WithBody<ContractDocumentRequest>(request, metrics, ContractDesk.DocumentOperation, body => desk.RecordDocument(user, documentKind, body, ct), ct)
                    : UnknownKind(kind, metrics, ContractDesk.DocumentOperation, DocumentKinds.Keys))
            .WithName("RecordContractDocument")
            .WithSummary("Keeps a shipment, sign-off, invoice or payment (`kind`: shipments, sign-offs, invoices, payments)")
            .WithDescription(
                "Finance and administrators only (403 `credit-ledger-keeper`). Idempotent by `documentNo`; other figures 409 `changed-figures`, never "
                + "overwritten. Shipments (`shippedOn`) and sign-offs (`signedOn`, optionally `shipmentNo`) name their `contractId`; invoices (`issuedOn`, "
                + "`dueOn`, `purpose` `sale` or `rebate-settlement`) are kept as receivables and payments (`paidAt`, optionally `appliedTo`) as payments, "
                + "both of the credit ledger, with or without `contractId`: one kept without a contract is linked by a later copy naming it (200 "
                + "`outcome` `linked`; a second contract is 409). A contract of another customer is 400 `contractId`. `lineNo` (optional, with `contractId`) "
                + "names the contract line the document is for (a line the contract lacks: 400 `lineNo` `unknown-line`); without it the document matches "
                + "at contract level.")
            .Accepts<ContractDocumentRequest>("application/json")
            .ProducesKept();

        documents.MapPost("/{kind}/import", async Task<IResult> (string kind, HttpRequest request, bool? stopOnError, ContractDesk desk, CreditMetrics metrics, ClaimsPrincipal user, CancellationToken ct) =>
                ContractImportKinds.All.Contains(kind)
                    ? (await desk.Import(user, kind, request.Body, stopOnError ?? false, ct)).Answer(metrics, ContractDesk.ImportOperation)
                    : UnknownKind(kind, metrics, ContractDesk.ImportOperation, ContractImportKinds.All))
            .WithName("ImportContractDocuments")
            .WithSummary("Imports the ERP's contracts, shipments, sign-offs, invoices or payments from a CSV file (text/csv body)")
            .WithDescription(
                "Columns (any order; [optional]): contracts `contract_id, customer_id, signed_on` [net, title, currency, tax_rate, payment_terms, opportunity_id, "
                + "item, description, quantity, unit_price, line_amount] — a contract with lines is one row per line, its rows one after another; "
                + "shipments `document_no, customer_id, contract_id, amount, shipped_on` [currency, line_no]; sign-offs `document_no, customer_id, contract_id, amount, "
                + "signed_on` [currency, shipment_no, line_no]; invoices `document_no, customer_id, amount, issued_on, due_on` [currency, contract_id, purpose, line_no]; payments "
                + "`document_no, customer_id, amount, paid_at` [currency, contract_id, applied_to, line_no]. Each row is judged as the JSON endpoint judges it; a "
                + "re-import adds nothing; each rejected row is reported with its line, document, field and rule. `stopOnError=true`: whole file or nothing.")
            .Accepts<string>("text/csv")
            .WithBodySize(BodySizeKind.FileUpload)
            .Produces<ContractImportAnswer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        var board = app.MapGroup("/api/three-way-match").WithTags("Contract to cash").RequireAuthorization();

        board.MapGet("/", async Task<IResult> (string? from, string? to, string? customerId, string? status, ContractDesk desk, CreditMetrics metrics, ClaimsPrincipal user, CancellationToken ct) =>
                await WithMonths(from, to, status, desk.Today, metrics, async (f, t) => Results.Ok(await desk.Board(user, f, t, customerId, status, ct))))
            .WithName("GetThreeWayMatch")
            .WithSummary("The three-way match board (三单匹配): per customer and month, each contract line against its shipments, sign-offs, invoices and payments")
            .WithDescription(
                "One line per contract line (`lineKind` `contract-line`, `lineKey` `{contract}:{line}`, its share of the contract's due so far); a contract "
                + "without lines is one line (`contract`), as is the whole of a lined contract while some of its documents name no line. "
                + "`from`/`to`: months `yyyy-MM` (inclusive; default the current month, at most 24). `status`: green, yellow or red lines only. Finance "
                + "sees every customer, others the customers they see. Green = matched; yellow = a document missing; red = an amount difference above "
                + "`ContractToCash:MatchTolerance` or a classic failure (`paid-without-contract`, `invoiced-not-shipped`, `rebate-booked-as-receivable`).")
            .Produces<MatchBoardAnswer>()
            .ProducesValidationProblem();

        board.MapGet("/export", async Task<IResult> (string? from, string? to, string? customerId, string? status, ContractDesk desk, CreditMetrics metrics, ClaimsPrincipal user, CancellationToken ct) =>
                await WithMonths(from, to, status, desk.Today, metrics, async (f, t) =>
                    Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ContractDesk.Csv(await desk.Board(user, f, t, customerId, status, ct)))).ToArray(),
                        "text/csv; charset=utf-8", $"three-way-match-{from ?? "month"}.csv")))
            .WithName("ExportThreeWayMatch")
            .WithSummary("The board's lines as CSV (same query as the board)")
            .Produces<string>(contentType: "text/csv")
            .ProducesValidationProblem();

        board.MapGet("/{lineKind}/{lineKey}", async Task<IResult> (string lineKind, string lineKey, ContractDesk desk, CreditMetrics metrics, ClaimsPrincipal user, CancellationToken ct) =>
                (await desk.Drill(user, lineKind, lineKey, ct) is { } drill
                    ? new CreditResult.Done(drill)
                    : (CreditResult)new CreditResult.NotFound(lineKind, lineKey)).Answer(metrics, ContractDesk.BoardOperation))
            .WithName("GetThreeWayMatchLine")
            .WithSummary("A board line's documents: the contract with its plan and documents (`contract`), a contract line with its own documents (`contract-line`), or the lone `invoice` or `payment`")
            .Produces<MatchDrillAnswer>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static RouteHandlerBuilder ProducesKept(this RouteHandlerBuilder endpoint) => endpoint
        .Produces<ContractKeptAnswer>(StatusCodes.Status201Created)
        .Produces<ContractKeptAnswer>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private static IResult UnknownKind(string kind, CreditMetrics metrics, string operation, IEnumerable<string> known) =>
        new CreditResult.Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["kind"] = [$"'{kind}' is none of {string.Join(", ", known)}."] })
            .Answer(metrics, operation);

    private static async Task<IResult> WithMonths(string? from, string? to, string? status, DateOnly today, CreditMetrics metrics, Func<DateOnly, DateOnly, Task<IResult>> read)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var f = ParseMonth(from, "from", errors) ?? new DateOnly(today.Year, today.Month, 1);
        var t = ParseMonth(to, "to", errors) ?? f;
        if (errors.Count == 0 && (t < f || t > f.AddMonths(23)))
        {
            errors["to"] = ["Not before `from`, and at most 24 months after it."];
        }

        if (status is not (null or "green" or "yellow" or "red"))
        {
            errors["status"] = ["One of green, yellow, red."];
        }

        if (errors.Count > 0)
        {
            return new CreditResult.Invalid(errors).Answer(metrics, ContractDesk.BoardOperation);
        }

        metrics.Accepted(ContractDesk.BoardOperation);
        return await read(f, t);
    }

    private static DateOnly? ParseMonth(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return month;
        }

        errors[field] = [$"'{text}' is no month (write 2026-11)."];
        return null;
    }
}
