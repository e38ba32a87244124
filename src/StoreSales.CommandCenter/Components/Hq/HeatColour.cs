using System.Globalization;
using StoreSales.Data.HotItems;

namespace StoreSales.CommandCenter.Components.Hq;

/// <summary>
/// The heatmap's cell colours. By lift: no warmer than neutral at or below the usual rate, warming through amber to
/// red as the lift grows to <see cref="FullHeatLift"/>. By units: one hue, darker with more units against the
/// busiest cell shown. The number is always printed in the cell too.
/// </summary>
public static class HeatColour
{
    /// <summary>The lift at which a cell is fully red (a display choice, not a business rule).</summary>
    public const decimal FullHeatLift = 3m;

    public const string Neutral = "#f7fafc";

    public static string ForLift(decimal lift)
    {
        if (lift <= 1m)
        {
            return Neutral;
        }

        var heat = (double)Math.Min((lift - 1m) / (FullHeatLift - 1m), 1m);
        // Hue 50° (amber) → 0° (red); lightness 85% → 45%.
        return Hsl(50 * (1 - heat), 90, 85 - 40 * heat);
    }

    public static string ForUnits(decimal units, decimal busiest)
    {
        if (units <= 0 || busiest <= 0)
        {
            return Neutral;
        }

        var share = (double)Math.Min(units / busiest, 1m);
        return Hsl(210, 70, 92 - 52 * share);
    }

    public static string For(HeatmapCell? cell, HeatmapMetric metric, decimal busiestUnits) => cell is null
        ? Neutral
        : metric == HeatmapMetric.Lift ? ForLift(cell.Lift) : ForUnits(cell.Units, busiestUnits);

    /// <summary>Dark cells need light text to stay readable.</summary>
    public static string TextOn(string background) =>
        background.StartsWith("hsl(", StringComparison.Ordinal)
        && double.Parse(background.Split(',')[2].TrimEnd(')', '%', ' '), CultureInfo.InvariantCulture) < 60 ? "#fff" : "#1a202c";

    private static string Hsl(double hue, double saturation, double lightness) =>
        string.Create(CultureInfo.InvariantCulture, $"hsl({hue:0},{saturation:0}%,{lightness:0}%)");
}
