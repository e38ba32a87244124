using StoreSales.Domain.Credit;

namespace StoreSales.Domain.Tests.Credit;

/// <summary>
/// The credit check (信用额度): overdue receivables and the remaining credit hold an order, each alone or both, at the
/// boundaries the configuration sets (grace days, the limit to the cent).
/// </summary>
public sealed class CreditCheckTests
{
    private static readonly DateOnly Today = new(2026, 12, 5);

    private static CreditStanding Standing(decimal limit, decimal orders, params (string No, decimal Amount, int DueDaysAgo)[] receivables) =>
        new(limit, ReceivableBalance.Settle([.. receivables.Select(r => new ReceivableLine(r.No, r.Amount, Today.AddDays(-r.DueDaysAgo)))], []), orders);

    [Theory]
    // limit,   open receivable (due days ago), orders not invoiced, order,   grace, outcome
    [InlineData(500_000, 100_000, -10, 0, 50_000, 0, CreditOutcome.Pass)]             // due in 10 days, room left
    [InlineData(500_000, 186_400, 3, 0, 50_000, 0, CreditOutcome.HoldOverdue)]        // overdue only: the limit has room
    [InlineData(200_000, 150_000, -5, 0, 60_000, 0, CreditOutcome.HoldLimit)]         // limit only: nothing overdue
    [InlineData(200_000, 186_400, 3, 0, 60_000, 0, CreditOutcome.HoldBoth)]           // both
    [InlineData(200_000, 100_000, -5, 80_000, 30_000, 0, CreditOutcome.HoldLimit)]    // orders not yet invoiced use the limit too
    [InlineData(200_000, 100_000, -5, 0, 100_000, 0, CreditOutcome.Pass)]             // exactly the remaining credit: passes
    [InlineData(200_000, 100_000, -5, 0, 100_000.01, 0, CreditOutcome.HoldLimit)]     // a cent more: held
    [InlineData(200_000, 100_000, 0, 0, 10_000, 0, CreditOutcome.Pass)]               // due today: not overdue yet
    [InlineData(200_000, 100_000, 1, 0, 10_000, 0, CreditOutcome.HoldOverdue)]        // due yesterday, no grace: overdue
    [InlineData(200_000, 100_000, 3, 0, 10_000, 3, CreditOutcome.Pass)]               // 3 days past due within 3 grace days
    [InlineData(200_000, 100_000, 4, 0, 10_000, 3, CreditOutcome.HoldOverdue)]        // the 4th day past due
    [InlineData(0, 0, 0, 0, 1, 0, CreditOutcome.HoldLimit)]                           // no limit granted (default 0): held
    public void An_order_is_held_for_overdue_receivables_for_the_limit_or_both(
        decimal limit, decimal open, int dueDaysAgo, decimal orders, decimal order, int grace, CreditOutcome expected)
    {
        var standing = open == 0 ? Standing(limit, orders) : Standing(limit, orders, ("AR-1", open, dueDaysAgo));

        var verdict = CreditCheck.Judge(standing, order, Today, new CreditOptions { OverdueGraceDays = grace });

        Assert.Equal(expected, verdict.Outcome);
        Assert.Equal(expected != CreditOutcome.Pass, verdict.Held);
    }

    [Fact]
    public void The_rep_is_told_the_overdue_amount_and_to_hold_shipment()
    {
        var standing = Standing(500_000, 0, ("AR-1", 120_000, 40), ("AR-2", 66_400, 2), ("AR-3", 90_000, -20));

        var verdict = CreditCheck.Judge(standing, 50_000, Today, new CreditOptions());

        Assert.Equal(CreditOutcome.HoldOverdue, verdict.Outcome);
        Assert.Equal("overdue receivables ¥186,400, suggest holding shipment", verdict.Message);
        Assert.Equal(2, verdict.OverdueCount);
        Assert.Equal(Today.AddDays(-40), verdict.OldestOverdueDueOn);
        Assert.Equal("overdue", verdict.Code);
    }

    [Fact]
    public void Both_reasons_name_the_overdue_amount_and_the_limit_figures()
    {
        var standing = Standing(300_000, 20_000, ("AR-1", 186_400, 10), ("AR-2", 50_000.5m, -3));

        var verdict = CreditCheck.Judge(standing, 80_000, Today, new CreditOptions());

        Assert.Equal(CreditOutcome.HoldBoth, verdict.Outcome);
        Assert.Equal(256_400.5m, verdict.Used);
        Assert.Equal(43_599.5m, verdict.Remaining);
        Assert.Equal(
            "overdue receivables ¥186,400, suggest holding shipment; order ¥80,000 exceeds remaining credit ¥43,599.5 (limit ¥300,000, used ¥256,400.5)",
            verdict.Message);
        Assert.Equal("overdue-and-limit", verdict.Code);
    }

    [Fact]
    public void A_payment_on_account_beyond_the_receivables_leaves_more_credit_than_the_limit()
    {
        var balances = ReceivableBalance.Settle([new ReceivableLine("AR-1", 10_000, Today.AddDays(-30))], [new PaymentLine("PAY-1", 25_000, null)]);

        var verdict = CreditCheck.Judge(new CreditStanding(100_000, balances, 0), 110_000, Today, new CreditOptions());

        Assert.Equal(CreditOutcome.Pass, verdict.Outcome);
        Assert.Equal(0, verdict.OpenReceivables);
        Assert.Equal(15_000, verdict.Unapplied);
        Assert.Equal(115_000, verdict.Remaining);
    }

    [Theory]
    [InlineData(186_400, "¥186,400")]
    [InlineData(0.5, "¥0.5")]
    [InlineData(1_234_567.89, "¥1,234,567.89")]
    [InlineData(-20_000, "-¥20,000")]
    public void Amounts_are_written_in_yuan_with_thousands_separators(decimal amount, string text) =>
        Assert.Equal(text, CreditCheck.Money(amount));
}
