namespace StoreSales.Domain.Credit;

/// <summary>A receivable as the ERP issued it: its document number, amount and due date.</summary>
public sealed record ReceivableLine(string DocumentNo, decimal Amount, DateOnly DueOn);

/// <summary>A payment as received: applied to one receivable, or on account (<see cref="AppliedTo"/> null).</summary>
public sealed record PaymentLine(string DocumentNo, decimal Amount, string? AppliedTo);

/// <summary>What is still open of one receivable after the payments.</summary>
public sealed record OpenReceivable(string DocumentNo, decimal Open, DateOnly DueOn);

/// <summary>The customer's open receivables after the payments, and what was paid beyond them (a credit on account).</summary>
public sealed record ReceivableBalances(IReadOnlyList<OpenReceivable> Open, decimal Unapplied)
{
    public decimal TotalOpen => Open.Sum(r => r.Open);
}

/// <summary>
/// How payments settle receivables (docs/domain.md "Credit hold"): a payment applied to a receivable settles it first,
/// up to what is open of it; whatever is left of it, and every payment on account, settles the open receivables oldest
/// due date first (then by document number); what is left after that is a credit on account. Pure.
/// </summary>
public static class ReceivableBalance
{
    public static ReceivableBalances Settle(IReadOnlyList<ReceivableLine> receivables, IReadOnlyList<PaymentLine> payments)
    {
        var open = receivables.ToDictionary(r => r.DocumentNo, r => r.Amount, StringComparer.Ordinal);
        var onAccount = 0m;
        foreach (var payment in payments)
        {
            if (payment.AppliedTo is { } target && open.TryGetValue(target, out var left))
            {
                var applied = Math.Min(left, payment.Amount);
                open[target] = left - applied;
                onAccount += payment.Amount - applied;
            }
            else
            {
                onAccount += payment.Amount;
            }
        }

        foreach (var receivable in receivables.OrderBy(r => r.DueOn).ThenBy(r => r.DocumentNo, StringComparer.Ordinal))
        {
            if (onAccount <= 0)
            {
                break;
            }

            var applied = Math.Min(open[receivable.DocumentNo], onAccount);
            open[receivable.DocumentNo] -= applied;
            onAccount -= applied;
        }

        return new ReceivableBalances(
            [.. receivables.Where(r => open[r.DocumentNo] > 0).Select(r => new OpenReceivable(r.DocumentNo, open[r.DocumentNo], r.DueOn))],
            onAccount);
    }
}
