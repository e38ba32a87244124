using System.Security.Claims;
using StoreSales.CommandCenter.Credit;
using StoreSales.Data.Credit;
using StoreSales.ServiceDefaults.Limits;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// Credit (docs/domain.md "Credit hold"): finance keeps receivables, payments (JSON or CSV from the ERP, idempotent by
/// document number) and limits; whoever sees a B2B customer reads its credit panel. <see cref="CreditDesk"/> scopes,
/// checks and keeps; every answer is counted in <see cref="CreditMetrics"/>.
/// </summary>
public static class CreditEndpoints
{
    public static IEndpointRouteBuilder MapCreditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/credit").WithTags("Credit").RequireAuthorization();

        api.MapPost("/receivables", async Task<IResult> (HttpRequest request, CreditDesk desk, CreditMetrics metrics, ClaimsPrincipal user, CancellationToken ct) =>
                await WithBody<ReceivableRequest>(request, metrics, CreditDesk.ReceivableOperation, body => desk.RecordReceivable(user, body, ct), ct))
            .WithName("RecordReceivable")
            .WithSummary("Keeps a receivable of a B2B customer from the ERP: document number, amount, issue and due date")
            .WithDescription(
                "Finance and administrators only (403 `rule`: `credit-ledger-keeper`). Idempotent by `documentNo`: the same document again "
                + "answers 200 with `alreadyRecorded`: true and adds nothing; the same number with other figures is 409 (`rule`: `changed-figures`), "
                + "never overwritten. 400 names the field: `documentNo` (≤ 64 characters, no spaces), `customerId` (a member is no account), `amount` "
                + "(> 0, two decimals), `currency` (only `Credit:Currency`, CNY), `issuedOn`, `dueOn` (not before `issuedOn`). An unknown customer is 404. "
                + "`orderId` names the order the receivable invoices: that order then stops counting as not yet invoiced.")
            .Accepts<ReceivableRequest>("application/json")
            .ProducesDocumentAnswers();

        api.MapPost("/payments", async Task<IResult> (HttpRequest request, CreditDesk desk, CreditMetrics metrics, ClaimsPrincipal user, CancellationToken ct) =>
                await WithBody<PaymentRequest>(request, metrics, CreditDesk.PaymentOperation, body => desk.RecordPayment(user, body, ct), ct))
            .WithName("RecordPayment")
            .WithSummary("Keeps a payment of a B2B customer: applied to one receivable, or on account")
            .WithDescription(
                "Same rights and idempotency as receivables. `appliedTo` names a receivable of the same customer (else 400 `appliedTo`); without it the "
                + "payment is on account and settles the oldest open receivables first. `paidAt` is an instant with its offset, not in the future.")
            .Accepts<PaymentRequest>("application/json")
            .ProducesDocumentAnswers();

        api.MapPost("/receivables/import", (HttpRequest request, bool? stopOnError, CreditDesk desk, CreditMetrics metrics, ClaimsPrincipal user, CancellationToken ct) =>
                Import(CreditDocumentKind.Receivables, request, stopOnError, desk, metrics, user, ct))
            .WithName("ImportReceivables")
            .WithSummary("Imports the ERP's receivables from a CSV file (text/csv body)")
            .WithDescription(
                "Header (any order): document_no, customer_id, amount, issued_on, due_on, and optionally currency, order_id; dates yyyy-MM-dd, amounts "
                + "with a decimal point. Each row is judged as `POST /api/credit/receivables` would; importing the same file again adds nothing. "
                + "Every rejected row is reported with its line number (the header is line 1), field and rule. With `stopOnError=true` the file is "
                + "kept whole or not at all: the first bad row stops it and nothing is kept; by default good rows are kept and bad ones reported. "
                + "A header without the required columns, or with unknown ones, is 400 (`file`). At most `Credit:ImportMaxRows` rows.")
            .Accepts<string>("text/csv")
            .WithBodySize(BodySizeKind.FileUpload)
            .Produces<CreditImportAnswer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/payments/import", (HttpRequest request, bool? stopOnError, CreditDesk desk, CreditMetrics metrics, ClaimsPrincipal user, CancellationToken ct) =>
                Import(CreditDocumentKind.Payments, request, stopOnError, desk, metrics, user, ct))
            .WithName("ImportPayments")
            .WithSummary("Imports the ERP's payments from a CSV file (text/csv body)")
            .WithDescription(
                "Header (any order): document_no, customer_id, amount, paid_at, and optionally currency, applied_to. `paid_at` is an instant with its "
                + "offset (2026-11-20T10:00:00+08:00) or a local time of the chain's calendar (2026-11-20 10:00). Rows, line numbers and `stopOnError` "
                + "as for receivables.")
            .Accepts<string>("text/csv")
            .WithBodySize(BodySizeKind.FileUpload)
            .Produces<CreditImportAnswer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        var customers = app.MapGroup("/api/customers").WithTags("Credit").RequireAuthorization();
        customers.MapPut("/{customerId}/credit-limit", async Task<IResult> (string customerId, HttpRequest request, CreditDesk desk, CreditMetrics metrics, ClaimsPrincipal user, CancellationToken ct) =>
                await WithBody<CreditLimitRequest>(request, metrics, CreditDesk.LimitOperation, body => desk.SetLimit(user, customerId, body, ct), ct))
            .WithName("SetCreditLimit")
            .WithSummary("Sets a B2B customer's credit limit; answers its credit panel")
            .WithDescription("Finance and administrators only (403). `limit` ≥ 0, two decimals. A member is 400 (`customerId`), an unknown customer 404.")
            .Accepts<CreditLimitRequest>("application/json")
            .Produces<CreditPanelAnswer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        customers.MapGet("/{customerId}/credit", async Task<IResult> (string customerId, CreditDesk desk, CreditMetrics metrics, ClaimsPrincipal user, CancellationToken ct) =>
                (await desk.Panel(user, customerId, ct) is { } panel
                    ? new CreditResult.Done(panel)
                    : (CreditResult)new CreditResult.NotFound("customer", customerId)).Answer(metrics, CreditDesk.PanelOperation))
            .WithName("GetCustomerCredit")
            .WithSummary("A B2B customer's credit: limit, used, remaining, overdue, open receivables, recent payments and held orders")
            .WithDescription(
                "Seen by finance (every customer) and whoever may see the customer (owner rep, the team's managers, HQ, administrators). "
                + "Out of scope, unknown, or a member: 404 alike. `standing` is the credit check for an order of zero: `pass`, `overdue`, `limit` or "
                + "`overdue-and-limit`.")
            .Produces<CreditPanelAnswer>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    /// <summary>What keeping one document answers: 201 kept, 200 already kept, 400, 403, 404, 409 changed figures.</summary>
    private static RouteHandlerBuilder ProducesDocumentAnswers(this RouteHandlerBuilder endpoint) => endpoint
        .Produces<DocumentAnswer>(StatusCodes.Status201Created)
        .Produces<DocumentAnswer>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> Import(CreditDocumentKind kind, HttpRequest request, bool? stopOnError, CreditDesk desk, CreditMetrics metrics, ClaimsPrincipal user, CancellationToken ct) =>
        (await desk.Import(user, kind, request.Body, stopOnError ?? false, ct)).Answer(metrics, CreditDesk.ImportOperation);

    /// <summary>Reads the JSON body and acts on it; a body that is not the documented shape is the counted 400 that names the field.</summary>
    internal static async Task<IResult> WithBody<T>(HttpRequest request, CreditMetrics metrics, string operation, Func<T, Task<CreditResult>> act, CancellationToken ct)
        where T : class
    {
        var (body, errors) = await JsonBody.Read<T>(request, ct);
        return (body is null ? new CreditResult.Invalid(errors!) : await act(body)).Answer(metrics, operation);
    }
}
