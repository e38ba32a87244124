namespace StoreSales.Domain.Sales.History;

/// <summary>
/// Whether an imported day may lie in a store's current month, judged without the store's zone: a store's local date is
/// at most 12 hours behind UTC (UTC-12) and no more ahead than that matters here, so the earliest current month any store
/// can be in starts on the first of the month of UTC now minus 12 hours. A day on or after it may be in some store's
/// current month: that store's live grain is told to read its month from the ledger again. Erring towards "may" only costs
/// a store one ledger read; erring the other way would leave a live board short.
/// </summary>
public static class HistoryCurrentMonth
{
    private static readonly TimeSpan FurthestBehindUtc = TimeSpan.FromHours(12);

    public static bool MayHold(DateOnly localDay, DateTimeOffset utcNow)
    {
        var earliestToday = DateOnly.FromDateTime((utcNow.ToUniversalTime() - FurthestBehindUtc).UtcDateTime);
        return localDay >= new DateOnly(earliestToday.Year, earliestToday.Month, 1);
    }
}
