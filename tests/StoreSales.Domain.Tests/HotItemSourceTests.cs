using StoreSales.Domain.HotItems;

namespace StoreSales.Domain.Tests;

/// <summary>Each terminal moves the hot items by one source: its scans when configured scan-sourced, else its sales.</summary>
public sealed class HotItemSourceTests
{
    private static readonly HotItemSource Store = new(["T02"]);

    [Theory]
    [InlineData("T01", true, true, false)]     // a till-line terminal: sales count, scans do not
    [InlineData("T02", true, false, true)]     // scan-sourced: its item scans count, its sales never (no double count)
    [InlineData("T02", false, false, false)]   // scan-sourced, a member card: names no item
    [InlineData("t02", true, true, false)]     // terminal ids compare exactly, as the ledger keys them
    public void A_terminal_counts_by_one_source_only(string terminal, bool namesItem, bool countsSale, bool countsScan)
    {
        Assert.Equal(countsSale, Store.CountsSale(terminal));
        Assert.Equal(countsScan, Store.CountsScan(terminal, namesItem));
    }

    [Fact]
    public void A_store_without_scan_sourced_terminals_counts_sales_only()
    {
        var store = new HotItemSource(null);

        Assert.True(store.CountsSale("T02"));
        Assert.False(store.CountsScan("T02", namesItem: true));
    }

    [Fact]
    public void Scan_then_sale_on_a_scan_sourced_terminal_counts_the_item_once()
    {
        var now = new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.FromHours(8));
        var window = new HotItemWindow(TimeSpan.FromHours(1), TimeSpan.FromMinutes(5));
        void Scan(string terminal, string code, decimal? weightKg)
        {
            if (Store.CountsScan(terminal, namesItem: true))
            {
                window.Add(code, HotItemSource.UnitsOf(weightKg), now, now);
            }
        }

        void Sale(string terminal, string code, decimal quantity)
        {
            if (Store.CountsSale(terminal))
            {
                window.Add(code, quantity, now, now);
            }
        }

        Scan("T02", "6920433218190", null);
        Scan("T02", "6920433218190", null);
        Scan("T02", "00042", 1.250m);
        Assert.Equal(2m, window.Top(5, now).Single(i => i.ItemCode == "6920433218190").Units);

        Sale("T02", "6920433218190", 2);     // the receipt closes: nothing more
        Sale("T02", "00042", 1.250m);
        Scan("T01", "6920433218190", null);  // a sale-sourced terminal's scan: nothing
        Sale("T01", "6920433218190", 1);     // its sale: counted

        var top = window.Top(5, now).ToDictionary(i => i.ItemCode, i => i.Units);
        Assert.Equal(3m, top["6920433218190"]);
        Assert.Equal(1.250m, top["00042"]);
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData(0.0, 1)]
    [InlineData(1.25, 1.25)]
    public void A_scan_counts_one_unit_or_its_embedded_weight(double? weightKg, double units) =>
        Assert.Equal((decimal)units, HotItemSource.UnitsOf((decimal?)weightKg));
}
