namespace StoreSales.Silo.Ingest;

/// <summary>Limits of the ingest API (section <c>Ingest</c>).</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest";

    /// <summary>Larger batches are refused (400) so one agent cannot hold a connection for long. Default 1000.</summary>
    public int MaxSalesPerBatch { get; set; } = 1000;

    /// <summary>
    /// Batches processed at once; beyond it they queue here rather than in PostgreSQL. Default 8 (about four per
    /// core): on 2 cores, 8 in flight sustained ~4× the throughput of 256 in flight (docs/benchmarks.md).
    /// </summary>
    public int MaxConcurrentBatches { get; set; } = 8;

    /// <summary>Batches waiting; beyond it the API answers 503 with Retry-After and the agent backs off. Default 512.</summary>
    public int MaxQueuedBatches { get; set; } = 512;

    /// <summary>Most lines a sale may have. Default 500.</summary>
    public int MaxLinesPerSale { get; set; } = 500;
}
