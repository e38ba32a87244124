namespace StoreSales.Domain.SalesForce.Customers;

/// <summary>
/// Which customers reached a rung of the dormancy ladder (day 30, day 180) between two sweeps, as a window of last-activity
/// moments: a customer whose last activity falls in it crossed the rung after <c>sweptUntil</c> and at or before
/// <c>now</c>. Calendar days in the chain's time zone, as <see cref="DormancyRule"/> counts them: activity on date D
/// reaches N days at the first moment of D + N. Rule in docs/domain.md ("Dormant customers").
/// </summary>
public static class DormancyCrossing
{
    /// <summary>
    /// The last-activity window <c>[From, To)</c> of customers that reached <paramref name="afterDays"/> idle days in
    /// (<paramref name="sweptUntil"/>, <paramref name="now"/>]; null when no midnight passed between the two (nothing
    /// can have crossed).
    /// </summary>
    public static ActivityWindow? Window(DateTimeOffset sweptUntil, DateTimeOffset now, int afterDays, TimeZoneInfo chainZone)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterDays);

        // Reached by now: D + N <= today, i.e. D <= today - N, i.e. the activity was before the start of today - N + 1.
        // Not reached at the last sweep: D + N > that sweep's date, i.e. the activity was on or after its date - N + 1.
        var today = ChainCalendar.DateOf(now, chainZone);
        var sweptDay = ChainCalendar.DateOf(sweptUntil, chainZone);
        if (today <= sweptDay)
        {
            return null;
        }

        return new ActivityWindow(
            ChainCalendar.StartOf(sweptDay.AddDays(1 - afterDays), chainZone),
            ChainCalendar.StartOf(today.AddDays(1 - afterDays), chainZone));
    }
}

/// <summary>Last-activity moments from <see cref="From"/> (included) to <see cref="To"/> (excluded).</summary>
public sealed record ActivityWindow(DateTimeOffset From, DateTimeOffset To);
