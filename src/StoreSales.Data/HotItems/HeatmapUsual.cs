namespace StoreSales.Data.HotItems;

/// <summary>
/// The previous weeks' whole local hours of "today" for one scope (a region, or the whole chain, when
/// <see cref="RegionId"/> is null) during the quarter hour starting at <see cref="QuarterHour"/>: per store and item
/// the units sold in those hours over the last <see cref="Weeks"/> weeks, and per store the weeks that sold in them
/// (bit k for k weeks ago). Read by <see cref="HotItemHeatmapReader.Usual"/>, kept by <see cref="HotItemHeatmapCache"/>,
/// added to the live part by <see cref="HotItemHeatmapReader.Today"/>. Parallel arrays: they are handed to
/// PostgreSQL as they are, and a chain's ~100,000 rows are a few megabytes.
/// </summary>
public sealed record HeatmapUsual(
    string? RegionId,
    DateTimeOffset QuarterHour,
    int Weeks,
    string[] Stores,
    string[] Items,
    decimal[] Units,
    string[] WeekStores,
    long[] WeekMasks)
{
    /// <summary>Store × item rows held.</summary>
    public int Rows => Stores.Length;
}
