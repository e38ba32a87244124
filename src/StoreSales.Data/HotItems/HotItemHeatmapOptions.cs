namespace StoreSales.Data.HotItems;

/// <summary>
/// How much the HQ heatmap shows and how often it reads the ledger. Bound from configuration section
/// <c>HotItems:Heatmap</c> (the lift rule itself is <c>HotItems</c>, <see cref="Domain.HotItems.HotItemOptions"/>).
/// </summary>
public sealed record HotItemHeatmapOptions
{
    public const string SectionName = "HotItems:Heatmap";

    /// <summary>Items (columns) of the chain's heatmap. Default 20.</summary>
    public int TopItems { get; init; } = 20;

    /// <summary>Stores listed for "top stores for this item right now". Default 10.</summary>
    public int TopStores { get; init; } = 10;

    /// <summary>Most sales returned behind one heatmap cell, newest first. Default 50.</summary>
    public int CellSalesLimit { get; init; } = 50;

    /// <summary>
    /// How long one heatmap read serves every page asking for the same window, region and metric: 200 open HQ pages
    /// cost PostgreSQL one query per interval, not 200. Default 2 seconds; zero turns the cache off.
    /// </summary>
    public TimeSpan CacheFor { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How old an answer may be and still be handed out at once while a read refreshes it: a page that opens after a
    /// quiet spell does not wait for the ledger. Default 15 seconds; zero makes every page wait for a fresh read.
    /// </summary>
    public TimeSpan ServeWhileRefreshingFor { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A view (window, region, metric) someone asked for within this time is refreshed in the background every
    /// <see cref="CacheFor"/>, so HQ's next look finds it ready. Default 5 minutes; zero turns it off.
    /// </summary>
    public TimeSpan KeepWarmFor { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long before a quarter hour starts the keep-warm path reads the next quarter hour's usual for "today" (the
    /// previous weeks' whole hours, seconds at thousands of stores), so the refreshes after the turn never wait for
    /// it. Default 1 minute; zero reads it when the quarter hour has begun; less than 15 minutes.
    /// </summary>
    public TimeSpan UsualReadAhead { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// PostgreSQL work_mem of today's live read, which joins and ranks ~220,000 store × item rows at 5,000 stores:
    /// with the server's default (4 MB) its sorts and hashes spill to disk. Set for that statement only. Default 64;
    /// 4 to 1024.
    /// </summary>
    public int ReadWorkMemMegabytes { get; init; } = 64;

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate() =>
        TopItems is < 1 or > 200 ? $"{SectionName}:{nameof(TopItems)} must be between 1 and 200 (is {TopItems})."
        : TopStores is < 1 or > 1000 ? $"{SectionName}:{nameof(TopStores)} must be between 1 and 1000 (is {TopStores})."
        : CellSalesLimit is < 1 or > 1000 ? $"{SectionName}:{nameof(CellSalesLimit)} must be between 1 and 1000 (is {CellSalesLimit})."
        : CacheFor < TimeSpan.Zero ? $"{SectionName}:{nameof(CacheFor)} must not be negative (is {CacheFor})."
        : ServeWhileRefreshingFor < TimeSpan.Zero ? $"{SectionName}:{nameof(ServeWhileRefreshingFor)} must not be negative (is {ServeWhileRefreshingFor})."
        : KeepWarmFor < TimeSpan.Zero ? $"{SectionName}:{nameof(KeepWarmFor)} must not be negative (is {KeepWarmFor})."
        : UsualReadAhead < TimeSpan.Zero || UsualReadAhead >= TimeSpan.FromMinutes(15)
            ? $"{SectionName}:{nameof(UsualReadAhead)} must be from zero to under 15 minutes (is {UsualReadAhead})."
        : ReadWorkMemMegabytes is < 4 or > 1024 ? $"{SectionName}:{nameof(ReadWorkMemMegabytes)} must be between 4 and 1024 (is {ReadWorkMemMegabytes})."
        : null;
}
