using Bunit;
using StoreSales.CommandCenter.Components.Hq;
using StoreSales.Data.HotItems;

namespace StoreSales.CommandCenter.Tests;

/// <summary>What HQ reads off the heatmap: cells warm with lift (or darken with units), and always print their figure.</summary>
public sealed class HeatmapGridTests : BoardComponentContext
{
    private static readonly DateTimeOffset At = new(2026, 11, 11, 15, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(0.5, HeatColour.Neutral)]
    [InlineData(1.0, HeatColour.Neutral)]
    [InlineData(2.0, "hsl(25,90%,65%)")]
    [InlineData(3.0, "hsl(0,90%,45%)")]
    [InlineData(9.0, "hsl(0,90%,45%)")]
    public void Lift_colours_run_from_neutral_at_usual_to_red_at_three_times_usual(double lift, string colour)
    {
        Assert.Equal(colour, HeatColour.ForLift((decimal)lift));
    }

    [Fact]
    public void Each_cell_is_coloured_by_its_lift_and_shows_it_with_a_mark_when_hot()
    {
        var grid = Render<HeatmapGrid>(p => p.Add(x => x.Heatmap, Heatmap()).Add(x => x.Metric, HeatmapMetric.Lift));

        var hot = grid.Find("[data-testid=heat-cell][data-store=store-sh001][data-item=A]");
        var usual = grid.Find("[data-testid=heat-cell][data-store=store-gz001][data-item=A]");
        var empty = grid.Find("[data-testid=heat-cell][data-store=store-gz001][data-item=B]");
        Assert.Equal(HeatColour.ForLift(3m), hot.GetAttribute("data-colour"));
        Assert.Equal("▲ 3.0×", hot.TextContent.Trim());
        Assert.Equal(HeatColour.Neutral, usual.GetAttribute("data-colour"));
        Assert.Equal("1.0×", usual.TextContent.Trim());
        Assert.Equal("·", empty.TextContent.Trim());
        Assert.Equal(["East China", "South China"], grid.FindAll("[data-testid=heat-region]").Select(r => r.TextContent.Trim()).ToArray());
    }

    [Fact]
    public void By_units_the_busiest_cell_is_darkest_and_prints_its_units()
    {
        var grid = Render<HeatmapGrid>(p => p.Add(x => x.Heatmap, Heatmap()).Add(x => x.Metric, HeatmapMetric.Units));

        var busiest = grid.Find("[data-testid=heat-cell][data-store=store-gz001][data-item=A]");
        var quieter = grid.Find("[data-testid=heat-cell][data-store=store-sh001][data-item=A]");
        Assert.Equal(HeatColour.ForUnits(40m, 40m), busiest.GetAttribute("data-colour"));
        Assert.Equal(HeatColour.ForUnits(12m, 40m), quieter.GetAttribute("data-colour"));
        Assert.Equal("40", busiest.TextContent.Trim());
        Assert.Equal("#fff", busiest.GetAttribute("style")!.Split("color:")[1]);
    }

    [Fact]
    public void Clicking_a_cell_asks_for_the_sales_behind_it()
    {
        (string StoreId, string ItemCode)? asked = null;
        var grid = Render<HeatmapGrid>(p => p.Add(x => x.Heatmap, Heatmap()).Add(x => x.OnCell, ((string StoreId, string ItemCode) c) => asked = c));

        grid.Find("[data-testid=heat-cell][data-store=store-sh001][data-item=B]").Click();

        Assert.Equal(("store-sh001", "B"), asked);
    }

    [Fact]
    public void The_first_paint_already_shows_the_top_rows_of_a_thousand_store_heatmap()
    {
        // Prerendered HTML: Virtualize would render no rows before the browser measures the viewport.
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));
        var stores = Enumerable.Range(1, 1000)
            .Select(n => new HeatmapStore($"store-{n:D4}", $"Store {n}", "region-east", "East China", 31, 121, "Asia/Shanghai", At.AddHours(-1)))
            .ToList();
        var heatmap = Heatmap() with { Stores = stores, Cells = [new HeatmapCell("store-0001", "A", 12m, 3m, 3m, true)] };

        var grid = Render<HeatmapGrid>(p => p.Add(x => x.Heatmap, heatmap).Add(x => x.Metric, HeatmapMetric.Lift));

        var rows = grid.FindAll("tbody tr[data-store]");
        Assert.InRange(rows.Count, 20, 40);
        Assert.Equal("store-0001", rows[0].GetAttribute("data-store"));
        Assert.Equal("▲ 3.0×", grid.Find("[data-testid=heat-cell][data-store=store-0001][data-item=A]").TextContent.Trim());
    }

    private static HotItemHeatmap Heatmap() => new(
        "1h",
        "lift",
        null,
        At,
        [
            new HeatmapStore("store-sh001", "Shanghai Jing'an", "region-east", "East China", 31.2, 121.4, "Asia/Shanghai", At.AddHours(-1)),
            new HeatmapStore("store-gz001", "Guangzhou Tianhe", "region-south", "South China", 23.1, 113.3, "Asia/Shanghai", At.AddHours(-1)),
        ],
        [
            new HeatmapItem(1, "A", "Jasmine tea", 52m, 30m, 1.7m, true),
            new HeatmapItem(2, "B", "Rice 5kg", 4m, 4m, 1m, false),
        ],
        [
            new HeatmapCell("store-sh001", "A", 12m, 3m, 3m, true),
            new HeatmapCell("store-gz001", "A", 40m, 40m, 1m, false),
            new HeatmapCell("store-sh001", "B", 4m, 4m, 1m, false),
        ]);
}
