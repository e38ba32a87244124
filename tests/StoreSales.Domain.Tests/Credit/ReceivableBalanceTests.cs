using StoreSales.Domain.Credit;

namespace StoreSales.Domain.Tests.Credit;

/// <summary>How payments settle receivables: the one they are applied to first, then on account oldest due first.</summary>
public sealed class ReceivableBalanceTests
{
    private static readonly DateOnly Day = new(2026, 11, 1);

    private static readonly ReceivableLine[] Receivables =
    [
        new("AR-3", 30_000, Day.AddDays(20)),
        new("AR-1", 10_000, Day),
        new("AR-2", 20_000, Day.AddDays(10)),
    ];

    [Fact]
    public void A_payment_on_account_settles_the_oldest_due_first()
    {
        var balances = ReceivableBalance.Settle(Receivables, [new PaymentLine("PAY-1", 15_000, null)]);

        Assert.Equal([("AR-3", 30_000m), ("AR-2", 15_000m)], balances.Open.Select(r => (r.DocumentNo, r.Open)).OrderByDescending(r => r.DocumentNo));
        Assert.Equal(45_000, balances.TotalOpen);
        Assert.Equal(0, balances.Unapplied);
    }

    [Fact]
    public void A_payment_applied_to_a_receivable_settles_it_and_its_excess_goes_on_account()
    {
        var balances = ReceivableBalance.Settle(Receivables, [new PaymentLine("PAY-1", 35_000, "AR-3")]);

        // 30,000 settles AR-3; the 5,000 left settles the oldest, AR-1.
        Assert.Equal([("AR-1", 5_000m), ("AR-2", 20_000m)], balances.Open.Select(r => (r.DocumentNo, r.Open)).OrderBy(r => r.DocumentNo));
    }

    [Fact]
    public void Paying_more_than_is_open_leaves_a_credit_on_account()
    {
        var balances = ReceivableBalance.Settle(Receivables, [new PaymentLine("PAY-1", 50_000, null), new PaymentLine("PAY-2", 20_000, "AR-2")]);

        Assert.Empty(balances.Open);
        Assert.Equal(10_000, balances.Unapplied);
    }
}
