using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.Domain.Tests.SalesForce;

public sealed class RecentPurchasesTests
{
    private static readonly DateTimeOffset Noon = ChainTime.At(2026, 11, 11, 12);

    private static TillPurchase Sale(long sequence, int minutes, string terminal = "T01") =>
        new("store-sh001", terminal, sequence, Noon.AddMinutes(minutes), 10m);

    [Fact]
    public void The_same_sale_heard_twice_is_counted_once()
    {
        var recent = new RecentPurchases(3);

        Assert.Equal(PurchaseHeard.New, recent.Add(Sale(1, 0)));
        Assert.Equal(PurchaseHeard.Repeated, recent.Add(Sale(1, 0)));
        Assert.Equal(PurchaseHeard.New, recent.Add(Sale(1, 0, terminal: "T02")));
        Assert.Equal(2, recent.NewestFirst.Count);
    }

    [Fact]
    public void A_full_list_keeps_the_newest_and_cannot_tell_an_older_sale_from_one_let_go()
    {
        var recent = new RecentPurchases(2);
        recent.Add(Sale(1, 0));
        recent.Add(Sale(3, 20));
        recent.Add(Sale(2, 10));

        Assert.Equal([3L, 2L], recent.NewestFirst.Select(p => p.Sequence));
        Assert.Equal(PurchaseHeard.Unsure, recent.Add(Sale(1, 0)));
        Assert.Equal(PurchaseHeard.Unsure, recent.Add(Sale(9, 10)));
        Assert.Equal(PurchaseHeard.New, recent.Add(Sale(4, 30)));
        Assert.Equal([4L, 3L], recent.NewestFirst.Select(p => p.Sequence));
    }

    [Fact]
    public void A_reset_from_the_ledger_keeps_the_newest_once_each()
    {
        var recent = new RecentPurchases(2);

        recent.Reset([Sale(1, 0), Sale(2, 10), Sale(2, 10), Sale(3, 5)]);

        Assert.Equal([2L, 3L], recent.NewestFirst.Select(p => p.Sequence));
        Assert.Equal(PurchaseHeard.Repeated, recent.Add(Sale(2, 10)));
    }
}
