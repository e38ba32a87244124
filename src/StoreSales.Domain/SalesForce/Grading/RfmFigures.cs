namespace StoreSales.Domain.SalesForce.Grading;

/// <summary>A customer's recency, frequency and monetary figures over the RFM window.</summary>
/// <param name="DaysSinceLastOrder">Calendar days from the last order's date to the grading date; null without an order in the window.</param>
/// <param name="Orders">Sales with a positive amount in the window (a return is not an order).</param>
/// <param name="Amount">Net amount in the window: returns subtract.</param>
public sealed record RfmFigures(int? DaysSinceLastOrder, int Orders, decimal Amount)
{
    public static readonly RfmFigures None = new(null, 0, 0m);

    /// <summary>
    /// The figures at <paramref name="now"/>: the window is the <paramref name="windowDays"/> whole calendar days
    /// (chain time zone) before today, today excluded, so the nightly run grades complete days whatever minute it
    /// runs, and PostgreSQL's set-based run reads the same rows: <c>at &gt;= start(today − windowDays) and at &lt; start(today)</c>.
    /// </summary>
    public static RfmFigures Of(IEnumerable<CustomerPurchase> purchases, DateTimeOffset now, TimeZoneInfo chainZone, int windowDays)
    {
        int? recency = null;
        var orders = 0;
        var amount = 0m;
        foreach (var purchase in purchases)
        {
            var days = ChainCalendar.DaysBetween(purchase.At, now, chainZone);
            if (days < 1 || days > windowDays)
            {
                continue;
            }

            amount += purchase.Amount;
            if (purchase.Amount > 0)
            {
                orders++;
                recency = Math.Min(recency ?? days, days);
            }
        }

        return new RfmFigures(recency, orders, amount);
    }
}
