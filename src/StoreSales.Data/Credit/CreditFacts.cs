using StoreSales.Domain.Credit;

namespace StoreSales.Data.Credit;

/// <summary>A payment as the credit panel and a hold's evidence show it.</summary>
public sealed record PaymentRecord(string DocumentNo, decimal Amount, DateTimeOffset PaidAt, string? AppliedTo);

/// <summary>
/// What the credit check reads of one customer: the limit finance set (null: none, <see cref="CreditOptions.DefaultLimit"/>
/// applies), every receivable and payment, the orders not yet invoiced, and the latest payments for the evidence.
/// </summary>
public sealed record CreditFacts(
    decimal? LimitSet,
    IReadOnlyList<ReceivableLine> Receivables,
    IReadOnlyList<PaymentLine> Payments,
    decimal OutstandingOrders,
    IReadOnlyList<PaymentRecord> RecentPayments)
{
    public CreditStanding Standing(CreditOptions options) =>
        new(LimitSet ?? options.DefaultLimit, ReceivableBalance.Settle(Receivables, Payments), OutstandingOrders);
}
