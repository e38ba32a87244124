namespace StoreSales.Data.Ledger;

/// <summary>How the ledger writer groups batches into one transaction (section <c>Ledger</c>).</summary>
public sealed class LedgerWriterOptions
{
    public const string SectionName = "Ledger";

    /// <summary>
    /// Most sales one group commit takes (a batch is never split, so a group holds at least one batch). Larger groups
    /// spread the commit's fsync over more sales; smaller ones bound the time a live batch waits behind a group
    /// (a group of 1,000 ten-line sales took ~0.15 s of PostgreSQL time on the benchmark machine). Default 1000.
    /// </summary>
    public int GroupMaxSales { get; set; } = 1000;

    /// <summary>
    /// Most sales one group takes while more than <see cref="BusyLiveSalesWaiting"/> live sales wait: the writers are
    /// the bottleneck then, and a larger group spreads a commit's fsync and statements over more sales and sums more of
    /// its lines into each rollup row (measured: ingest/COPY 0.47–0.52 with every group at 2,000 against 0.39–0.45 at
    /// 1,000, docs/benchmarks.md). Otherwise groups stay at <see cref="GroupMaxSales"/>, so a live batch at ordinary load
    /// waits behind a short group; a backlog alone never makes a group grow. Default 2000.
    /// </summary>
    public int BusyGroupMaxSales { get; set; } = 2000;

    /// <summary>
    /// Live sales waiting beyond which groups take <see cref="BusyGroupMaxSales"/>: by default what the two writers take
    /// in one round of ordinary groups. Measured (docs/benchmarks.md): at 2,000 the ingest/COPY ratio was 0.43–0.51 over
    /// five runs, at 10,000 0.35–0.44 over three (the larger size then hardly ever applied); the p99 sale → board at half
    /// load had single slow probes with either. Default 2000.
    /// </summary>
    public int BusyLiveSalesWaiting { get; set; } = 2000;

    /// <summary>
    /// Group commits in flight at once, each on a connection of its own. With two, PostgreSQL works on one group's
    /// statement while the next group's rows are copied in and the previous commit is flushed; their rollup sums are
    /// plain inserts into a pending table (migration 0520), so they never wait for each other's rows. A backlog alone
    /// occupies one writer at most, so another is free when a live batch comes. Default 2.
    /// </summary>
    public int Writers { get; set; } = 2;

    /// <summary>
    /// Share of a group's sales kept for catch-up batches while live ones wait too, so a backlog always drains.
    /// At least one catch-up batch joins every group while any waits. Default 0.25.
    /// </summary>
    public double CatchUpShare { get; set; } = 0.25;

    /// <summary>
    /// Batches waiting for the writer in each lane beyond which the ingest API answers 503 with Retry-After.
    /// Defaults: live 1024, catch-up 256.
    /// </summary>
    public int MaxWaitingLive { get; set; } = 1024;

    /// <inheritdoc cref="MaxWaitingLive"/>
    public int MaxWaitingCatchUp { get; set; } = 256;

    /// <summary>
    /// Length of the periods in which group commits add their hourly rollup sums to one pending table and the fold
    /// (<see cref="SaleItemHourFold"/>) empties the other into <c>sale_item_hour</c> (migration 0520). Shorter keeps
    /// the pending rows the readers add up fewer; longer sums more of a store's lines into each folded row. Default 5.
    /// </summary>
    public int RollupFoldSeconds { get; set; } = 5;

    /// <summary>Null when the settings are usable, otherwise what is wrong.</summary>
    public string? Validate() =>
        GroupMaxSales < 1 ? $"{SectionName}:{nameof(GroupMaxSales)} must be at least 1."
        : BusyGroupMaxSales < GroupMaxSales ? $"{SectionName}:{nameof(BusyGroupMaxSales)} must be at least {nameof(GroupMaxSales)}."
        : BusyLiveSalesWaiting < 0 ? $"{SectionName}:{nameof(BusyLiveSalesWaiting)} must not be negative."
        : Writers is < 1 or > 8 ? $"{SectionName}:{nameof(Writers)} must be between 1 and 8."
        : CatchUpShare is < 0 or > 1 ? $"{SectionName}:{nameof(CatchUpShare)} must be between 0 and 1."
        : MaxWaitingLive < 1 || MaxWaitingCatchUp < 1 ? $"{SectionName}:{nameof(MaxWaitingLive)} and {nameof(MaxWaitingCatchUp)} must be at least 1."
        : RollupFoldSeconds is < 1 or > 3600 ? $"{SectionName}:{nameof(RollupFoldSeconds)} must be between 1 and 3600."
        : null;
}
