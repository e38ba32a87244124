using System.Security.Claims;
using Microsoft.Extensions.Options;
using StoreSales.CommandCenter.Access;
using StoreSales.CommandCenter.ContractToCash;
using StoreSales.Data.Credit;
using StoreSales.Data.Customers;
using StoreSales.Domain.Access;
using StoreSales.Domain.Credit;
using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.CommandCenter.Credit;

/// <summary>
/// Finance's credit requests and the credit panel, for the API and the page alike (docs/domain.md "Credit hold"):
/// scoped by <see cref="CreditAccessRule"/>, checked by <see cref="CreditDocuments"/>, kept by <see cref="CreditLedger"/>.
/// Receivables and payments are the three-way match's invoices and payments too: each one kept is told to the
/// customer's grain (<see cref="ContractNotices"/>, as contract documents are) so its live match status follows at once.
/// </summary>
public sealed class CreditDesk(
    CustomerLookup customers,
    CreditLedger ledger,
    CreditImport import,
    CreditFactsReader facts,
    OrderBook orders,
    ChainToday today,
    TimeProvider clock,
    IOptions<CreditOptions> options,
    IOptions<OrderOptions> orderOptions,
    ContractNotices notices)
{
    public const string ReceivableOperation = "receivable";
    public const string PaymentOperation = "payment";
    public const string ImportOperation = "credit-import";
    public const string LimitOperation = "credit-limit";
    public const string PanelOperation = "credit-panel";

    private const string KeeperRule = "credit-ledger-keeper";
    private const string KeeperDetail = "Receivables, payments and credit limits are kept by finance (and administrators).";

    public CreditOptions Options => options.Value;

    public async Task<CreditResult> RecordReceivable(ClaimsPrincipal user, ReceivableRequest body, CancellationToken cancellationToken)
    {
        if (!CreditAccessRule.CanKeepLedger(user.ToViewerScope()))
        {
            return new CreditResult.NotAllowed(KeeperRule, KeeperDetail);
        }

        var check = CreditDocuments.CheckReceivable(body.DocumentNo, body.CustomerId, body.Amount, body.Currency, body.IssuedOn, body.DueOn, body.OrderId, options.Value);
        if (!check.IsValid)
        {
            return new CreditResult.Invalid(check.Errors);
        }

        var receivable = check.Document!;
        return Told(await ledger.Keep(receivable, Who(user), cancellationToken), receivable.DocumentNo, receivable.CustomerId, null);
    }

    public async Task<CreditResult> RecordPayment(ClaimsPrincipal user, PaymentRequest body, CancellationToken cancellationToken)
    {
        if (!CreditAccessRule.CanKeepLedger(user.ToViewerScope()))
        {
            return new CreditResult.NotAllowed(KeeperRule, KeeperDetail);
        }

        var check = CreditDocuments.CheckPayment(body.DocumentNo, body.CustomerId, body.Amount, body.Currency, body.PaidAt, body.AppliedTo, clock.GetUtcNow(), options.Value);
        if (!check.IsValid)
        {
            return new CreditResult.Invalid(check.Errors);
        }

        var payment = check.Document!;
        return Told(await ledger.Keep(payment, Who(user), cancellationToken), payment.DocumentNo, payment.CustomerId, payment.AppliedTo);
    }

    public async Task<CreditResult> Import(ClaimsPrincipal user, CreditDocumentKind kind, Stream content, bool stopOnError, CancellationToken cancellationToken)
    {
        if (!CreditAccessRule.CanKeepLedger(user.ToViewerScope()))
        {
            return new CreditResult.NotAllowed(KeeperRule, KeeperDetail);
        }

        var report = await import.Import(kind, content, stopOnError, Who(user), cancellationToken);
        foreach (var customerId in report.CustomersChanged)
        {
            notices.Changed(customerId);
        }

        return report.HeaderProblems.Count > 0
            ? new CreditResult.Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["file"] = [.. report.HeaderProblems] })
            : new CreditResult.Done(CreditImportAnswer.Of(report));
    }

    public async Task<CreditResult> SetLimit(ClaimsPrincipal user, string customerId, CreditLimitRequest body, CancellationToken cancellationToken)
    {
        if (!CreditAccessRule.CanKeepLedger(user.ToViewerScope()))
        {
            return new CreditResult.NotAllowed(KeeperRule, KeeperDetail);
        }

        if (body.Limit is not { } limit || limit < 0 || limit > CreditDocuments.MaxAmount || decimal.Round(limit, 2) != limit)
        {
            return new CreditResult.Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["limit"] = ["Required: 0 or more, with at most two decimals."] });
        }

        var kept = await ledger.SetLimit(customerId, limit, Who(user), cancellationToken);
        return kept == DocumentKept.Recorded && await Panel(user, customerId, cancellationToken) is { } panel
            ? new CreditResult.Done(panel)
            : Kept(kept, customerId, customerId, null);
    }

    /// <summary>The customer's credit panel, or null when the customer is unknown, no account, or out of the viewer's scope.</summary>
    public async Task<CreditPanelAnswer?> Panel(ClaimsPrincipal user, string customerId, CancellationToken cancellationToken)
    {
        var customer = await customers.Find(customerId, cancellationToken);
        if (customer is null || customer.Kind != CustomerKind.Account
            || !CreditAccessRule.CanSee(user.ToViewerScope(), customer.InPool ? "" : customer.OwnerRepId, customer.DepartmentId, customer.OwnerStoreId))
        {
            return null;
        }

        var read = await facts.Read(customerId, cancellationToken);
        var date = today.Date();
        var standing = read.Standing(options.Value);
        var verdict = CreditCheck.Judge(standing, 0, date, options.Value);
        var held = await orders.List(OrderStatuses.Held, customerId, null, 50, cancellationToken);
        return new CreditPanelAnswer(
            customer.CustomerId,
            customer.DisplayName,
            options.Value.Currency,
            verdict.Limit,
            read.LimitSet is not null,
            verdict.Used,
            verdict.Remaining,
            verdict.OpenReceivables,
            verdict.OutstandingOrders,
            verdict.Unapplied,
            verdict.OverdueAmount,
            verdict.OverdueCount,
            verdict.OldestOverdueDueOn,
            verdict.Code,
            [.. standing.Receivables.Open.Select(r => new OpenReceivableAnswer(r.DocumentNo, r.Open, r.DueOn, CreditCheck.IsOverdue(r.DueOn, date, options.Value)))],
            read.RecentPayments,
            [.. held.Select(o => OrderAnswer.Of(o, orderOptions.Value.ReleaseApproverRole))]);
    }

    /// <summary>A receivable or payment kept now changes the customer's match: its grain hears of it, then the answer.</summary>
    private CreditResult Told(DocumentKept kept, string documentNo, string customerId, string? appliedTo)
    {
        if (kept == DocumentKept.Recorded)
        {
            notices.Changed(customerId);
        }

        return Kept(kept, documentNo, customerId, appliedTo);
    }

    private static CreditResult Kept(DocumentKept kept, string documentNo, string customerId, string? appliedTo) => kept switch
    {
        DocumentKept.Recorded => new CreditResult.Done(new DocumentAnswer(documentNo, customerId, false), $"/api/customers/{customerId}/credit"),
        DocumentKept.AlreadyRecorded => new CreditResult.Done(new DocumentAnswer(documentNo, customerId, true)),
        DocumentKept.UnknownCustomer => new CreditResult.NotFound("customer", customerId),
        DocumentKept.ChangedFigures => new CreditResult.Conflict(kept.Rule(), "Document kept with other figures", kept.Sentence(documentNo, customerId),
            new Dictionary<string, object?> { ["documentNo"] = documentNo }),
        _ => new CreditResult.Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal) { [kept.Field()] = [kept.Sentence(documentNo, customerId, appliedTo)] }),
    };

    private static string Who(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
