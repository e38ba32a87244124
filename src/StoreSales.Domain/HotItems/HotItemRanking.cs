namespace StoreSales.Domain.HotItems;

/// <summary>An item on a store's hot list: its pace in the window and its lift against its usual pace.</summary>
public sealed record RankedHotItem(string ItemCode, decimal Units, decimal UnitsPerHour, decimal UsualUnitsPerHour, ItemLift Lift);

/// <summary>Orders a store's items by lift, not raw units: hot means fast for this item here and now.</summary>
public static class HotItemRanking
{
    public static IReadOnlyList<RankedHotItem> Rank(
        IEnumerable<ItemVelocity> velocities,
        UsualVelocity usual,
        TimeSpan window,
        int count,
        HotItemOptions options)
    {
        var ranked = velocities
            .Select(v =>
            {
                var usualPerHour = usual.UnitsPerHour(v.ItemCode);
                return new RankedHotItem(v.ItemCode, v.Units, v.UnitsPerHour, usualPerHour, ItemLift.Of(v.Units, usualPerHour, window, options));
            })
            .ToList();

        ranked.Sort((a, b) =>
        {
            var order = ItemLift.CompareHottestFirst(a.Lift, b.Lift, options);
            return order != 0 ? order : string.CompareOrdinal(a.ItemCode, b.ItemCode);
        });
        return ranked.Count > count ? ranked.GetRange(0, count) : ranked;
    }
}
