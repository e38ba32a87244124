namespace StoreSales.Domain.HotItems;

/// <summary>
/// Ranks items by units sold over a sliding window ending now. (Lift against the item's usual velocity
/// for the store and hour builds on this once usual rates are learned.)
/// </summary>
public static class HotItemRanking
{
    public static IReadOnlyList<ItemVelocity> Top(
        IEnumerable<MinuteItemSales> sales, DateTimeOffset now, TimeSpan window, int count)
    {
        var from = MinuteItemSales.MinuteOf(now - window);
        var to = MinuteItemSales.MinuteOf(now);
        var hours = (decimal)window.TotalHours;
        return sales
            .Where(s => s.Minute > from && s.Minute <= to)
            .GroupBy(s => s.ItemCode, StringComparer.Ordinal)
            .Select(g => (Item: g.Key, Units: g.Sum(s => s.Units)))
            .Where(x => x.Units > 0)
            .OrderByDescending(x => x.Units)
            .ThenBy(x => x.Item, StringComparer.Ordinal)
            .Take(count)
            .Select(x => new ItemVelocity(x.Item, x.Units, hours > 0 ? x.Units / hours : 0))
            .ToList();
    }

    /// <summary>True when a minute bucket has left the window and can be forgotten.</summary>
    public static bool IsExpired(long minute, DateTimeOffset now, TimeSpan window) =>
        minute <= MinuteItemSales.MinuteOf(now - window);
}
