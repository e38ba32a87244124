namespace StoreSales.Data.Ledger;

/// <summary>Limits of the scan ledger's writer (section <c>ScanIngest</c>).</summary>
public sealed class ScanLedgerOptions
{
    public const string SectionName = "ScanIngest";

    /// <summary>Larger scan batches are refused (400). Default 1000 (the agent sends at most <c>Agent:BatchSize</c>).</summary>
    public int MaxScansPerBatch { get; set; } = 1000;

    /// <summary>
    /// Scan batches written at once, each on its own connection of the shared pool (never the sales writer's pool, so
    /// scans cannot hold up a sale's durable ack). Default 2.
    /// </summary>
    public int Writers { get; set; } = 2;

    /// <summary>Scan batches that may wait for a writer; beyond, the API answers 503 with Retry-After. Default 200.</summary>
    public int MaxWaiting { get; set; } = 200;

    /// <summary>The Retry-After of that 503 (whole seconds). Default 2 s.</summary>
    public TimeSpan BusyRetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    public string? Validate() =>
        MaxScansPerBatch < 1 ? $"{SectionName}:{nameof(MaxScansPerBatch)} must be at least 1 (is {MaxScansPerBatch})."
        : Writers is < 1 or > 32 ? $"{SectionName}:{nameof(Writers)} must be between 1 and 32 (is {Writers})."
        : MaxWaiting < 0 ? $"{SectionName}:{nameof(MaxWaiting)} must not be negative (is {MaxWaiting})."
        : BusyRetryAfter < TimeSpan.FromSeconds(1) ? $"{SectionName}:{nameof(BusyRetryAfter)} must be at least 1 s (Retry-After counts whole seconds; is {BusyRetryAfter})."
        : null;
}
