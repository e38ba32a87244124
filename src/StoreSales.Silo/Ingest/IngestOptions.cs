namespace StoreSales.Silo.Ingest;

/// <summary>Limits of the ingest API (section <c>Ingest</c>).</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest";

    /// <summary>Larger batches are refused (400) so one agent cannot hold a connection for long. Default 1000.</summary>
    public int MaxSalesPerBatch { get; set; } = 1000;

    /// <summary>Batches processed at once; beyond it they queue. Default 64.</summary>
    public int MaxConcurrentBatches { get; set; } = 64;

    /// <summary>Batches waiting; beyond it the API answers 503 with Retry-After and the agent backs off. Default 512.</summary>
    public int MaxQueuedBatches { get; set; } = 512;

    /// <summary>Most lines a sale may have. Default 500.</summary>
    public int MaxLinesPerSale { get; set; } = 500;
}
