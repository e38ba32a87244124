namespace StoreSales.Data.HotItems;

/// <summary>
/// The HQ hot-item heatmap: stores (rows, grouped by region) × the chain's top items (columns, hottest first), for a
/// window ending at <see cref="At"/>. <see cref="Cells"/> holds only the pairs that sold or usually sell; any other
/// pair is zero units against zero usual.
/// </summary>
public sealed record HotItemHeatmap(
    string Window,
    string Metric,
    string? RegionId,
    DateTimeOffset At,
    IReadOnlyList<HeatmapStore> Stores,
    IReadOnlyList<HeatmapItem> Items,
    IReadOnlyList<HeatmapCell> Cells);

/// <summary>A row of the heatmap; <see cref="WindowStart"/> differs by store for <c>today</c> (each store's local midnight).</summary>
public sealed record HeatmapStore(
    string StoreId,
    string Name,
    string RegionId,
    string RegionName,
    double? Latitude,
    double? Longitude,
    string TimeZone,
    DateTimeOffset WindowStart);

/// <summary>A column: one of the chain's top items, with its chain-wide units, usual units and lift.</summary>
public sealed record HeatmapItem(
    int Rank,
    string ItemCode,
    string? Name,
    decimal Units,
    decimal UsualUnits,
    decimal Lift,
    bool IsHot);

/// <summary>
/// One store × item: units in the window, usual units (average of the same weekday and time window over the
/// previous <c>HotItems:UsualWeeks</c> weeks that had sales) and the lift by the hot-item rule.
/// </summary>
public sealed record HeatmapCell(
    string StoreId,
    string ItemCode,
    decimal Units,
    decimal UsualUnits,
    decimal Lift,
    bool IsHot);

/// <summary>"Top stores for this item right now": the stores where the item is hottest in the window.</summary>
public sealed record ItemTopStores(
    string ItemCode,
    string? ItemName,
    string Window,
    string Metric,
    string? RegionId,
    DateTimeOffset At,
    IReadOnlyList<StoreItemHeat> Stores);

public sealed record StoreItemHeat(
    int Rank,
    string StoreId,
    string StoreName,
    string RegionId,
    decimal Units,
    decimal UsualUnits,
    decimal Lift,
    bool IsHot);

/// <summary>The sales behind a heatmap cell: the store's sales in the window that contain the item, newest first.</summary>
public sealed record CellSales(
    string StoreId,
    string StoreName,
    string RegionId,
    string ItemCode,
    string? ItemName,
    string Window,
    DateTimeOffset WindowStart,
    DateTimeOffset At,
    IReadOnlyList<CellSale> Sales);

/// <summary>A sale with all its lines; <see cref="ItemUnits"/> is how many units of the cell's item it holds.</summary>
public sealed record CellSale(
    string TerminalId,
    long Sequence,
    string Kind,
    string? ReceiptNumber,
    DateTimeOffset RungUpAt,
    decimal Total,
    string? CashierId,
    string? MemberId,
    string? RepId,
    decimal ItemUnits,
    IReadOnlyList<CellSaleLine> Lines);

public sealed record CellSaleLine(
    int LineNumber,
    string ItemCode,
    string? ItemName,
    decimal Quantity,
    decimal UnitPrice,
    decimal Discount,
    decimal Amount);
