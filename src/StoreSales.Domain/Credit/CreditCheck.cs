using System.Globalization;

namespace StoreSales.Domain.Credit;

/// <summary>What the credit check found for an order: passed, or why it is held.</summary>
public enum CreditOutcome
{
    /// <summary>Nothing overdue and the order fits in the remaining credit: accepted.</summary>
    Pass = 0,

    /// <summary>Receivables are overdue (the order would fit in the limit): held.</summary>
    HoldOverdue = 1,

    /// <summary>The order is above the remaining credit (nothing overdue): held.</summary>
    HoldLimit = 2,

    /// <summary>Both: receivables overdue and the order above the remaining credit.</summary>
    HoldBoth = 3,
}

/// <summary>A customer's standing before an order: limit, what the open receivables and the orders not yet invoiced use.</summary>
public sealed record CreditStanding(
    decimal Limit,
    ReceivableBalances Receivables,
    decimal OutstandingOrders);

/// <summary>The check's verdict with the figures it rests on (the rep's warning and the supervisor's alert show them).</summary>
public sealed record CreditVerdict(
    CreditOutcome Outcome,
    decimal OrderAmount,
    decimal Limit,
    decimal OpenReceivables,
    decimal OutstandingOrders,
    decimal Unapplied,
    decimal OverdueAmount,
    int OverdueCount,
    DateOnly? OldestOverdueDueOn)
{
    /// <summary>Credit in use: open receivables and orders not yet invoiced, less what was paid on account beyond them.</summary>
    public decimal Used => OpenReceivables + OutstandingOrders - Unapplied;

    /// <summary>What may still be ordered on credit before this order (negative when already over the limit).</summary>
    public decimal Remaining => Limit - Used;

    public bool Held => Outcome != CreditOutcome.Pass;

    /// <summary>The rule's name in the API and metrics: <c>pass</c>, <c>overdue</c>, <c>limit</c>, <c>overdue-and-limit</c>.</summary>
    public string Code => CreditCheck.CodeOf(Outcome);

    /// <summary>The English sentence for the rep and the API ("overdue receivables ¥186,400, suggest holding shipment").</summary>
    public string Message => Outcome switch
    {
        CreditOutcome.Pass => $"credit check passed: order {CreditCheck.Money(OrderAmount)} within remaining credit {CreditCheck.Money(Remaining)}",
        CreditOutcome.HoldOverdue => OverdueSentence,
        CreditOutcome.HoldLimit => LimitSentence,
        CreditOutcome.HoldBoth => $"{OverdueSentence}; {LimitSentence}",
        _ => throw new InvalidOperationException($"Unknown outcome {Outcome}."),
    };

    private string OverdueSentence => $"overdue receivables {CreditCheck.Money(OverdueAmount)}, suggest holding shipment";

    private string LimitSentence =>
        $"order {CreditCheck.Money(OrderAmount)} exceeds remaining credit {CreditCheck.Money(Remaining)} (limit {CreditCheck.Money(Limit)}, used {CreditCheck.Money(Used)})";
}

/// <summary>
/// The credit check of a B2B order (信用额度; docs/domain.md "Credit hold"): a receivable still open more than
/// <see cref="CreditOptions.OverdueGraceDays"/> days after its due date is overdue; the remaining credit is the limit less
/// the open receivables and the orders not yet invoiced (held, accepted or released), plus what was paid on account
/// beyond them. Anything overdue holds the order; so does an order above the remaining credit. Pure.
/// </summary>
public static class CreditCheck
{
    public static CreditVerdict Judge(CreditStanding standing, decimal orderAmount, DateOnly today, CreditOptions options)
    {
        var overdue = standing.Receivables.Open.Where(r => IsOverdue(r.DueOn, today, options)).ToList();
        var overdueAmount = overdue.Sum(r => r.Open);
        var remaining = standing.Limit - (standing.Receivables.TotalOpen + standing.OutstandingOrders - standing.Receivables.Unapplied);
        var overLimit = orderAmount > remaining;
        var outcome = (overdueAmount > 0, overLimit) switch
        {
            (false, false) => CreditOutcome.Pass,
            (true, false) => CreditOutcome.HoldOverdue,
            (false, true) => CreditOutcome.HoldLimit,
            (true, true) => CreditOutcome.HoldBoth,
        };
        return new CreditVerdict(
            outcome,
            orderAmount,
            standing.Limit,
            standing.Receivables.TotalOpen,
            standing.OutstandingOrders,
            standing.Receivables.Unapplied,
            overdueAmount,
            overdue.Count,
            overdue.Count == 0 ? null : overdue.Min(r => r.DueOn));
    }

    /// <summary>Overdue when <paramref name="today"/> is more than the grace days after the due date.</summary>
    public static bool IsOverdue(DateOnly dueOn, DateOnly today, CreditOptions options) =>
        today.DayNumber - dueOn.DayNumber > options.OverdueGraceDays;

    public static string CodeOf(CreditOutcome outcome) => outcome switch
    {
        CreditOutcome.Pass => "pass",
        CreditOutcome.HoldOverdue => "overdue",
        CreditOutcome.HoldLimit => "limit",
        CreditOutcome.HoldBoth => "overdue-and-limit",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>¥186,400 (cents only when there are any), as the rule's English sentences write amounts.</summary>
    public static string Money(decimal amount) =>
        (amount < 0 ? "-¥" : "¥") + Math.Abs(amount).ToString("#,0.##", CultureInfo.InvariantCulture);
}
