using StoreSales.Data.Credit;
using StoreSales.Domain.Credit;

namespace StoreSales.CommandCenter.Credit;

/// <summary>A receivable sent by the ERP (JSON).</summary>
public sealed record ReceivableRequest(string? DocumentNo, string? CustomerId, decimal? Amount, string? Currency, DateOnly? IssuedOn, DateOnly? DueOn, string? OrderId);

/// <summary>A payment sent by the ERP (JSON); <see cref="AppliedTo"/> names the receivable it pays, or none for a payment on account.</summary>
public sealed record PaymentRequest(string? DocumentNo, string? CustomerId, decimal? Amount, string? Currency, DateTimeOffset? PaidAt, string? AppliedTo);

/// <summary>A customer's credit limit as finance sets it.</summary>
public sealed record CreditLimitRequest(decimal? Limit);

/// <summary>A B2B order: the caller's own id (sending it again is harmless), the customer and the lines.</summary>
public sealed record PlaceOrderRequest(string? OrderId, string? CustomerId, IReadOnlyList<OrderLineDraft>? Lines);

/// <summary>A document kept (or found kept: <see cref="AlreadyRecorded"/>).</summary>
public sealed record DocumentAnswer(string DocumentNo, string CustomerId, bool AlreadyRecorded);

/// <summary>One open receivable on the credit panel.</summary>
public sealed record OpenReceivableAnswer(string DocumentNo, decimal Open, DateOnly DueOn, bool Overdue);

/// <summary>
/// A customer's credit as it stands (<c>GET /api/customers/{id}/credit</c> and the credit panel): the limit (and whether
/// finance set it or the default applies), what is used and left, what is overdue, the open receivables, the latest
/// payments and the orders waiting for release. <see cref="Standing"/> is the check's outcome for an order of zero.
/// </summary>
public sealed record CreditPanelAnswer(
    string CustomerId,
    string CustomerName,
    string Currency,
    decimal Limit,
    bool LimitSet,
    decimal Used,
    decimal Remaining,
    decimal OpenReceivables,
    decimal OutstandingOrders,
    decimal Unapplied,
    decimal OverdueAmount,
    int OverdueCount,
    DateOnly? OldestOverdueDueOn,
    string Standing,
    IReadOnlyList<OpenReceivableAnswer> Receivables,
    IReadOnlyList<PaymentRecord> RecentPayments,
    IReadOnlyList<OrderAnswer> HeldOrders);

/// <summary>The credit check as an order carries it: outcome, the sentence for the rep, and the figures.</summary>
public sealed record CreditCheckAnswer(
    string Outcome,
    string Message,
    decimal OrderAmount,
    decimal Limit,
    decimal Used,
    decimal Remaining,
    decimal OpenReceivables,
    decimal OutstandingOrders,
    decimal OverdueAmount,
    int OverdueCount,
    DateOnly? OldestOverdueDueOn)
{
    public static CreditCheckAnswer Of(CreditVerdict v) =>
        new(v.Code, v.Message, v.OrderAmount, v.Limit, v.Used, v.Remaining, v.OpenReceivables, v.OutstandingOrders, v.OverdueAmount, v.OverdueCount, v.OldestOverdueDueOn);
}

/// <summary>
/// An order as the API shows it. Held: <see cref="Warning"/> tells the rep why with the figures (<see cref="Check"/>),
/// with the customer's <see cref="RecentPayments"/>, and <see cref="ApprovalId"/> is its release request in the
/// approvals inbox (<c>/approvals/{approvalId}</c>), waiting for <see cref="ReleaseApproverRole"/>.
/// </summary>
public sealed record OrderAnswer(
    string OrderId,
    string CustomerId,
    string CustomerName,
    string OwnerRepId,
    decimal Amount,
    string Currency,
    IReadOnlyList<OrderLine> Lines,
    string Status,
    bool MayShip,
    string? Warning,
    CreditCheckAnswer Check,
    string PlacedBy,
    DateTimeOffset PlacedAt,
    long? ApprovalId,
    string? ReleaseApproverRole,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionReason,
    IReadOnlyList<PaymentRecord>? RecentPayments = null,
    bool AlreadyPlaced = false)
{
    public static OrderAnswer Of(OrderRecord o, string releaseApproverRole, IReadOnlyList<PaymentRecord>? recentPayments = null, bool alreadyPlaced = false) => new(
        o.OrderId, o.CustomerId, o.CustomerName, o.OwnerRepId, o.Amount, o.Currency, o.Lines, o.Status, o.MayShip,
        o.Check.Held ? o.Check.Message : null, CreditCheckAnswer.Of(o.Check), o.PlacedBy, o.PlacedAt, o.ApprovalId,
        o.Check.Held ? releaseApproverRole : null, o.DecidedBy, o.DecidedAt, o.DecisionReason, recentPayments, alreadyPlaced);
}

/// <summary>A CSV import's report as the API answers it.</summary>
public sealed record CreditImportAnswer(string Kind, int Rows, int Recorded, int AlreadyRecorded, bool Stopped, IReadOnlyList<ImportedRowRejection> Rejected)
{
    public static CreditImportAnswer Of(CreditImportReport r) =>
        new(r.Kind == CreditDocumentKind.Receivables ? "receivables" : "payments", r.Rows, r.Recorded, r.AlreadyRecorded, r.Stopped, r.Rejected);
}
