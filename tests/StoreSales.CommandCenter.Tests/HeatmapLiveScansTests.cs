using StoreSales.Abstractions.Live;
using StoreSales.Data.HotItems;
using StoreSales.Domain.HotItems;

namespace StoreSales.CommandCenter.Tests;

/// <summary>
/// HQ's heatmap between two reads: the scans heard since the last read move its cells and columns, each scan once, and
/// nothing the read already holds counts again.
/// </summary>
public sealed class HeatmapLiveScansTests
{
    private static readonly DateTimeOffset ReadAt = new(2026, 11, 11, 15, 0, 0, TimeSpan.FromHours(8));
    private static readonly HotItemOptions Rule = new();

    private static HotItemHeatmap Read()
    {
        HeatmapStore Store(string id, string region) => new(id, id, region, region, null, null, "Asia/Shanghai", ReadAt.AddHours(-1));
        return new HotItemHeatmap(
            "1h",
            "units",
            null,
            ReadAt,
            [Store("store-sh001", "region-east"), Store("store-gz001", "region-south")],
            [new HeatmapItem(1, "A", "Tea", 16m, 8m, Lift(16m, 8m), true), new HeatmapItem(2, "B", "Cola", 4m, 4m, 1m, false)],
            [new HeatmapCell("store-sh001", "A", 12m, 4m, Lift(12m, 4m), true), new HeatmapCell("store-gz001", "A", 4m, 4m, 1m, false), new HeatmapCell("store-gz001", "B", 4m, 4m, 1m, false)]);
    }

    private static decimal Lift(decimal units, decimal usual) => ItemLift.Of(units, usual, Rule).Lift;

    private static HeatmapScan Scan(string store, long sequence, string item, DateTimeOffset at, decimal units = 1m, string terminal = "T05") =>
        new(store, store == "store-gz001" ? "region-south" : "region-east", terminal, sequence, item, units, at);

    private static HeatmapCell? Cell(HotItemHeatmap heatmap, string store, string item) =>
        heatmap.Cells.SingleOrDefault(c => c.StoreId == store && c.ItemCode == item);

    [Fact]
    public void A_scan_after_the_read_adds_its_units_to_its_cell_and_column_with_the_lift_worked_out_again()
    {
        var shown = HeatmapLiveScans.Add(Read(), [Scan("store-sh001", 1, "A", ReadAt.AddSeconds(1)), Scan("store-sh001", 2, "A", ReadAt.AddSeconds(2), units: 0.5m)], Rule);

        var cell = Cell(shown, "store-sh001", "A")!;
        Assert.Equal(13.5m, cell.Units);
        Assert.Equal(4m, cell.UsualUnits);
        Assert.Equal(Lift(13.5m, 4m), cell.Lift);
        Assert.Equal(17.5m, shown.Items[0].Units);
        Assert.Equal(Lift(17.5m, 8m), shown.Items[0].Lift);
        Assert.Equal(shown.Items[1], Read().Items[1]);
        Assert.Equal(Cell(Read(), "store-gz001", "A"), Cell(shown, "store-gz001", "A"));
    }

    [Fact]
    public void A_scan_from_before_the_read_is_the_reads_and_a_scan_heard_twice_counts_once()
    {
        var scan = Scan("store-gz001", 7, "B", ReadAt.AddSeconds(3));
        var shown = HeatmapLiveScans.Add(Read(), [Scan("store-gz001", 6, "B", ReadAt.AddTicks(-1)), scan, scan, scan with { TerminalId = "T06" }], Rule);

        Assert.Equal(6m, Cell(shown, "store-gz001", "B")!.Units);
        Assert.Equal(6m, shown.Items[1].Units);
    }

    [Fact]
    public void A_store_item_pair_with_nothing_read_gets_a_cell_of_its_own()
    {
        var shown = HeatmapLiveScans.Add(Read(), [.. Enumerable.Range(1, 3).Select(i => Scan("store-sh001", i, "B", ReadAt.AddSeconds(i)))], Rule);

        var cell = Cell(shown, "store-sh001", "B")!;
        Assert.Equal(3m, cell.Units);
        Assert.Equal(0m, cell.UsualUnits);
        Assert.Equal(Lift(3m, 0m), cell.Lift);
        Assert.True(cell.IsHot);
        Assert.Equal(4, shown.Cells.Count);
    }

    [Fact]
    public void Scans_of_stores_or_items_the_heatmap_does_not_show_leave_it_as_read()
    {
        var read = Read();

        var shown = HeatmapLiveScans.Add(read, [Scan("store-bj001", 1, "A", ReadAt.AddSeconds(1)), Scan("store-sh001", 1, "C", ReadAt.AddSeconds(1))], Rule);

        Assert.Same(read, shown);
    }
}
