using StoreSales.Domain.HotItems;

namespace StoreSales.Domain.Tests;

public sealed class HotItemRankingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 11, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Top_items_are_ranked_by_units_inside_the_window_only()
    {
        var minute = MinuteItemSales.MinuteOf(Now);
        var sales = new[]
        {
            new MinuteItemSales(minute, "A", 2),
            new MinuteItemSales(minute - 10, "A", 3),
            new MinuteItemSales(minute - 5, "B", 4),
            new MinuteItemSales(minute - 61, "C", 100), // left the hour
            new MinuteItemSales(minute - 1, "D", 1),
        };

        var top = HotItemRanking.Top(sales, Now, TimeSpan.FromHours(1), 2);

        Assert.Equal(["A", "B"], top.Select(t => t.ItemCode));
        Assert.Equal(5, top[0].Units);
        Assert.Equal(5, top[0].UnitsPerHour);
        Assert.True(HotItemRanking.IsExpired(minute - 60, Now, TimeSpan.FromHours(1)));
        Assert.False(HotItemRanking.IsExpired(minute - 59, Now, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Returned_units_cancel_sold_units()
    {
        var minute = MinuteItemSales.MinuteOf(Now);
        var sales = new[] { new MinuteItemSales(minute, "A", 2), new MinuteItemSales(minute, "A", -2), new MinuteItemSales(minute, "B", 1) };

        Assert.Equal(["B"], HotItemRanking.Top(sales, Now, TimeSpan.FromHours(1), 5).Select(t => t.ItemCode));
    }
}
