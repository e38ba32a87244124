namespace StoreSales.Silo.Ingest;

/// <summary>Limits of the ingest API (section <c>Ingest</c>).</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest";

    /// <summary>Larger batches are refused (400) so one agent cannot hold a connection for long. Default 1000.</summary>
    public int MaxSalesPerBatch { get; set; } = 1000;

    /// <summary>
    /// How long the ack waits for the store grain to count a durable batch. Past it the ack goes anyway: the sale is in
    /// the ledger, the grain still receives the batch, and a grain that lost it recounts from the ledger when it
    /// activates. Default 2 s.
    /// </summary>
    public TimeSpan CountWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The Retry-After given with a 503 when the live lane is full (<c>Ledger:MaxWaitingLive</c>). Default 1 s.</summary>
    public TimeSpan BusyRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The Retry-After given with a 503 when the catch-up lane is full (<c>Ledger:MaxWaitingCatchUp</c>). Longer than the
    /// live one: a backlog loses nothing by waiting, and every refused batch was read and parsed for nothing. Default 5 s.
    /// </summary>
    public TimeSpan CatchUpBusyRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most lines a sale may have. Default 500.</summary>
    public int MaxLinesPerSale { get; set; } = 500;

    /// <summary>
    /// Batches waiting for the late-sale check (<see cref="LateSaleReconciliation"/>) before one more is counted as not
    /// checked (<c>queue_full</c>) and its alert left for a person. Batches, not sales: a full queue means the ledger is far
    /// behind already; 4,096 waiting batches are minutes of a chain's catch-up, and holding more would only grow the
    /// silo's memory. Default 4096.
    /// </summary>
    public int LateSaleQueueBatches { get; set; } = 4096;

    /// <summary>Null when the settings are usable, otherwise what is wrong.</summary>
    public string? Validate() =>
        MaxSalesPerBatch < 1 || MaxLinesPerSale < 1 ? $"{SectionName}:{nameof(MaxSalesPerBatch)} and {nameof(MaxLinesPerSale)} must be at least 1."
        : CountWait <= TimeSpan.Zero ? $"{SectionName}:{nameof(CountWait)} must be positive."
        : LateSaleQueueBatches is < 1 or > 1_000_000 ? $"{SectionName}:{nameof(LateSaleQueueBatches)} must be between 1 and 1000000."
        : BusyRetryAfter < TimeSpan.FromSeconds(1) || CatchUpBusyRetryAfter < TimeSpan.FromSeconds(1)
            ? $"{SectionName}:{nameof(BusyRetryAfter)} and {nameof(CatchUpBusyRetryAfter)} must be at least 1 s (Retry-After counts whole seconds)."
        : null;
}
