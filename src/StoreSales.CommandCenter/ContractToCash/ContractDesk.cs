using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using StoreSales.CommandCenter.Access;
using StoreSales.CommandCenter.Credit;
using StoreSales.Data.ContractToCash;
using StoreSales.Data.Credit;
using StoreSales.Data.Customers;
using StoreSales.Domain.Access;
using StoreSales.Domain.ContractToCash;
using StoreSales.Domain.Credit;
using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.CommandCenter.ContractToCash;

/// <summary>
/// Contract to cash for the API and the pages alike (docs/domain.md "Contract to cash"): contracts are kept by finance
/// or whoever may place orders for the customer (its owner rep, the team's manager); documents and imports by finance
/// (<see cref="CreditAccessRule.CanKeepLedger"/>); contracts, the board and its drill-down are seen by finance and
/// whoever sees the customer (<see cref="CreditAccessRule.CanSee"/>) — anyone else gets 404, as for an unknown id.
/// </summary>
public sealed class ContractDesk(
    CustomerLookup customers,
    ContractBook contracts,
    ContractLedger ledger,
    ContractImport import,
    ContractFileReader files,
    ThreeWayMatchReader board,
    ContractNotices notices,
    ChainToday today,
    TimeProvider clock,
    IOptions<ContractToCashOptions> options,
    IOptions<CreditOptions> credit)
{
    public const string ContractOperation = "contract";
    public const string DocumentOperation = "contract-document";
    public const string ImportOperation = "contract-import";
    public const string ReadOperation = "contract-read";
    public const string BoardOperation = "three-way-match";

    private const string KeeperRule = "credit-ledger-keeper";
    private const string KeeperDetail = "Shipments, sign-offs, invoices and payments are kept by finance (and administrators).";

    public ContractToCashOptions Options => options.Value;

    /// <summary>The chain's today (the board's default month and the day instalments are due by).</summary>
    public DateOnly Today => today.Date();

    public async Task<CreditResult> RecordContract(ClaimsPrincipal user, ContractRequest body, CancellationToken cancellationToken)
    {
        var viewer = user.ToViewerScope();
        var customerId = body.CustomerId;
        decimal? net = body.Net;
        var title = body.Title;
        if (body.OpportunityId is { Length: > 0 } opportunityId && await contracts.OpportunityOf(opportunityId.Trim(), cancellationToken) is { } opportunity)
        {
            customerId ??= opportunity.CustomerId;
            net ??= opportunity.Amount;
            title ??= opportunity.Title;
        }

        var check = ContractRules.CheckContract(
            body.ContractId, customerId, body.OpportunityId, title, net, body.Currency, body.TaxRate, body.PaymentTerms, body.SignedOn, options.Value, credit.Value, body.Lines);
        if (!check.IsValid)
        {
            return new CreditResult.Invalid(check.Errors);
        }

        var draft = check.Document!;
        var customer = await customers.Find(draft.CustomerId, cancellationToken);
        if (customer is null || !Sees(viewer, customer))
        {
            return new CreditResult.NotFound("customer", draft.CustomerId);
        }

        if (!CreditAccessRule.CanKeepLedger(viewer) && !CreditAccessRule.CanPlaceOrder(viewer, customer.OwnerRepId, customer.DepartmentId, customer.OwnerStoreId))
        {
            return new CreditResult.NotAllowed("contract-keeper", "Contracts are kept by finance, the customer's owner rep and the team's manager.");
        }

        var kept = await contracts.Keep(draft, Who(user), cancellationToken);
        return Kept(kept, draft.ContractId, draft.CustomerId, draft.OpportunityId, $"/api/contracts/{draft.ContractId}");
    }

    public async Task<CreditResult> RecordDocument(ClaimsPrincipal user, ContractDocumentKind kind, ContractDocumentRequest body, CancellationToken cancellationToken)
    {
        if (!CreditAccessRule.CanKeepLedger(user.ToViewerScope()))
        {
            return new CreditResult.NotAllowed(KeeperRule, KeeperDetail);
        }

        var on = kind switch { ContractDocumentKind.Shipment => body.ShippedOn, ContractDocumentKind.SignOff => body.SignedOn, _ => body.IssuedOn };
        var check = ContractRules.CheckDocument(
            kind, body.DocumentNo, body.CustomerId, body.ContractId, body.Amount, body.Currency, on, body.DueOn, body.PaidAt, body.AppliedTo, body.ShipmentNo, body.Purpose,
            clock.GetUtcNow(), credit.Value, body.LineNo);
        if (!check.IsValid)
        {
            return new CreditResult.Invalid(check.Errors);
        }

        var document = check.Document!;
        var kept = await ledger.Keep(document, Who(user), cancellationToken);
        var other = kept switch
        {
            ContractKept.UnknownShipment => document.ShipmentNo,
            ContractKept.UnknownReceivable => document.AppliedTo,
            ContractKept.UnknownLine => $"{document.ContractId}:{document.LineNo}",
            _ => document.ContractId,
        };
        return Kept(kept, document.DocumentNo, document.CustomerId, other, document.ContractId is { } c ? $"/api/contracts/{c}" : null);
    }

    public async Task<CreditResult> Import(ClaimsPrincipal user, string kind, Stream content, bool stopOnError, CancellationToken cancellationToken)
    {
        if (!CreditAccessRule.CanKeepLedger(user.ToViewerScope()))
        {
            return new CreditResult.NotAllowed(KeeperRule, KeeperDetail);
        }

        var report = await import.Import(kind, content, stopOnError, Who(user), cancellationToken);
        if (report.HeaderProblems.Count > 0)
        {
            return new CreditResult.Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["file"] = [.. report.HeaderProblems] });
        }

        foreach (var customerId in report.CustomersChanged)
        {
            notices.Changed(customerId);
        }

        return new CreditResult.Done(ContractImportAnswer.Of(report));
    }

    /// <summary>The customer's contracts, or null when the customer is unknown, no account, or out of the viewer's scope.</summary>
    public async Task<IReadOnlyList<ContractRecord>?> ForCustomer(ClaimsPrincipal user, string customerId, CancellationToken cancellationToken) =>
        await SeesAccount(user, customerId, cancellationToken) ? await files.ForCustomer(customerId, cancellationToken) : null;

    /// <summary>Whether the customer is an account the viewer sees contracts and board lines of (else: 404, as for an unknown id).</summary>
    public async Task<bool> SeesAccount(ClaimsPrincipal user, string customerId, CancellationToken cancellationToken)
    {
        var customer = await customers.Find(customerId, cancellationToken);
        return customer is not null && customer.Kind == CustomerKind.Account && Sees(user.ToViewerScope(), customer);
    }

    /// <summary>One contract, or null when unknown or out of the viewer's scope.</summary>
    public async Task<ContractRecord?> Contract(ClaimsPrincipal user, string contractId, CancellationToken cancellationToken)
    {
        var contract = await files.Find(contractId, cancellationToken);
        return contract is not null && CreditAccessRule.CanSee(user.ToViewerScope(), contract.OwnerRepId, contract.DepartmentId, contract.OwnerStoreId) ? contract : null;
    }

    /// <summary>The board for the months asked (<c>yyyy-MM</c>, inclusive), within the viewer's scope.</summary>
    public async Task<MatchBoardAnswer> Board(ClaimsPrincipal user, DateOnly fromMonth, DateOnly toMonth, string? customerId, string? status, CancellationToken cancellationToken)
    {
        var viewer = user.ToViewerScope();
        var scope = CreditAccessRule.SeesAllOrders(viewer) ? null : new OrderScope(viewer.RepId, viewer.Departments.Union(viewer.Stores).ToList(), viewer.Stores.ToList());
        // The scope narrows the query; the access rule then judges each customer as it does everywhere else.
        var lines = (await board.Read(new MatchQuery(fromMonth, toMonth.AddMonths(1), customerId, scope), today.Date(), cancellationToken))
            .Where(l => scope is null || CreditAccessRule.CanSee(viewer, l.Owner.OwnerRepId, l.Owner.DepartmentId, l.Owner.OwnerStoreId))
            .ToList();
        var months = lines.GroupBy(l => (l.CustomerId, l.CustomerName, l.Month))
            .Select(g => new MatchMonthAnswer(
                g.Key.CustomerId, g.Key.CustomerName, Month(g.Key.Month), g.Count(l => l.Verdict.Status == MatchStatus.Green),
                g.Count(l => l.Verdict.Status == MatchStatus.Yellow), g.Count(l => l.Verdict.Status == MatchStatus.Red)))
            .ToList();
        var shown = lines.Select(MatchLineAnswer.Of).Where(l => status is null || l.Status == status).ToList();
        return new MatchBoardAnswer(Month(fromMonth), Month(toMonth), options.Value.MatchTolerance, months, shown);
    }

    /// <summary>A line's documents, or null when unknown or out of the viewer's scope.</summary>
    public async Task<MatchDrillAnswer?> Drill(ClaimsPrincipal user, string lineKind, string lineKey, CancellationToken cancellationToken)
    {
        if (lineKind is "contract" or "contract-line")
        {
            // A contract line's key is {contract}:{line}; the contract's own number may hold a colon, the line's never.
            var cut = lineKey.LastIndexOf(':');
            int? lineNo = lineKind == "contract" ? null : cut > 0 && int.TryParse(lineKey[(cut + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
            var contract = lineNo == 0 ? null : await Contract(user, lineNo is null ? lineKey : lineKey[..cut], cancellationToken);
            var contractLine = contract?.Lines.FirstOrDefault(l => l.LineNo == lineNo);
            if (contract is null || (lineNo is not null && contractLine is null))
            {
                return null;
            }

            var month = new DateOnly(contract.SignedOn.Year, contract.SignedOn.Month, 1);
            var line = (await board.Read(new MatchQuery(month, month.AddMonths(1), contract.CustomerId, null), today.Date(), cancellationToken))
                .FirstOrDefault(l => l.LineKey == lineKey && l.LineKind == lineKind);
            var shown = lineNo is null ? contract : contract with { Documents = [.. contract.Documents.Where(d => d.LineNo == lineNo)], Lines = [contractLine!] };
            return new MatchDrillAnswer(line is null ? null : MatchLineAnswer.Of(line), shown, null) { ContractLine = contractLine };
        }

        if (lineKind is not ("invoice" or "payment") || await files.Unlinked(lineKind, lineKey, cancellationToken) is not { } document)
        {
            return null;
        }

        var customer = await customers.Find(document.CustomerId, cancellationToken);
        return customer is not null && Sees(user.ToViewerScope(), customer) ? new MatchDrillAnswer(null, null, document) : null;
    }

    /// <summary>The board as CSV (UTF-8 with BOM for spreadsheet programs): one row per line, findings joined by <c>;</c>.</summary>
    public static string Csv(MatchBoardAnswer answer)
    {
        var text = new System.Text.StringBuilder(
            "customer_id,customer_name,month,line_kind,line_key,contract_id,line_no,item,status,findings,contract_gross,shipped,signed_off,invoiced,paid,due_so_far\n");
        foreach (var l in answer.Lines)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Field(l.CustomerId)},{Field(l.CustomerName)},{l.Month},{l.LineKind},{Field(l.LineKey)},")
                .Append(CultureInfo.InvariantCulture, $"{Field(l.ContractId ?? "")},{l.LineNo},{Field(l.Item ?? "")},{l.Status},{Field(string.Join(';', l.Findings))},")
                .Append(CultureInfo.InvariantCulture, $"{l.ContractGross:0.00},{l.Shipped:0.00},{l.SignedOff:0.00},{l.Invoiced:0.00},{l.Paid:0.00},{l.DueSoFar:0.00}\n");
        }

        return text.ToString();
    }

    public void DocumentKept(string customerId) => notices.Changed(customerId);

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 || value.StartsWith('=') || value.StartsWith('+') || value.StartsWith('-') || value.StartsWith('@')
            ? "\"" + (value.StartsWith('=') || value.StartsWith('+') || value.StartsWith('-') || value.StartsWith('@') ? "'" : "") + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;

    private static string Month(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static bool Sees(ViewerScope viewer, CustomerRecord customer) =>
        CreditAccessRule.CanSee(viewer, customer.InPool ? "" : customer.OwnerRepId, customer.DepartmentId, customer.OwnerStoreId);

    private CreditResult Kept(ContractKept kept, string number, string customerId, string? other, string? location)
    {
        if (kept is ContractKept.Recorded or ContractKept.Linked)
        {
            notices.Changed(customerId);
        }

        return kept switch
        {
            ContractKept.Recorded => new CreditResult.Done(new ContractKeptAnswer(number, customerId, kept.Rule()), location),
            ContractKept.AlreadyRecorded or ContractKept.Linked => new CreditResult.Done(new ContractKeptAnswer(number, customerId, kept.Rule())),
            ContractKept.UnknownCustomer => new CreditResult.NotFound("customer", customerId),
            ContractKept.ChangedFigures or ContractKept.OpportunityHasContract => new CreditResult.Conflict(
                kept.Rule(), "Kept with other figures", kept.Sentence(number, customerId, other), new Dictionary<string, object?> { ["documentNo"] = number }),
            _ => new CreditResult.Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal) { [kept.Field()] = [kept.Sentence(number, customerId, other)] }),
        };
    }

    private static string Who(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
