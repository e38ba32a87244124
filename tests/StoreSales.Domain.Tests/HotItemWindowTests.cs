using StoreSales.Domain.HotItems;

namespace StoreSales.Domain.Tests;

public sealed class HotItemWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 11, 0, 0, TimeSpan.FromHours(8));

    private static HotItemWindow Hour() => new(TimeSpan.FromHours(1), TimeSpan.FromMinutes(5));

    [Fact]
    public void Top_items_are_ranked_by_units_inside_the_window_only()
    {
        var window = Hour();
        window.Add("A", 2, Now, Now);
        window.Add("A", 3, Now.AddMinutes(-10), Now);
        window.Add("B", 4, Now.AddMinutes(-5), Now);
        window.Add("C", 100, Now.AddMinutes(-61), Now); // before the window: ignored
        window.Add("D", 1, Now.AddMinutes(-1), Now);

        var top = window.Top(2, Now);

        Assert.Equal(["A", "B"], top.Select(t => t.ItemCode));
        Assert.Equal(5, top[0].Units);
        Assert.Equal(5, top[0].UnitsPerHour);
    }

    [Fact]
    public void The_window_slides_by_whole_buckets()
    {
        var window = Hour();
        window.Add("A", 3, Now, Now);
        window.Add("B", 1, Now, Now);

        Assert.Equal(["A", "B"], window.Top(5, Now.AddMinutes(59)).Select(t => t.ItemCode));
        window.Add("B", 1, Now.AddMinutes(61), Now.AddMinutes(61));

        // An hour later A's bucket has left the window; B sold again.
        Assert.Equal(["B"], window.Top(5, Now.AddMinutes(61)).Select(t => t.ItemCode));
        Assert.Equal(1, window.Top(5, Now.AddMinutes(61))[0].Units);
    }

    [Fact]
    public void Returned_units_cancel_sold_units_and_quiet_items_are_forgotten()
    {
        var window = Hour();
        window.Add("A", 2, Now, Now);
        window.Add("A", -2, Now, Now);
        window.Add("B", 1, Now, Now);

        Assert.Equal(["B"], window.Top(5, Now).Select(t => t.ItemCode));
        window.Prune(Now.AddHours(2));
        Assert.Equal(0, window.ItemCount);
    }

    [Fact]
    public void A_sale_stamped_by_a_fast_till_clock_counts_now()
    {
        var window = Hour();
        window.Add("A", 1, Now.AddMinutes(10), Now);

        Assert.Equal(1, window.Top(5, Now).Single().Units);
        Assert.Equal(1, window.Top(5, Now.AddMinutes(59)).Single().Units);
    }
}
