namespace StoreSales.ServiceDefaults.Limits;

/// <summary>
/// The <c>Limits</c> section, read by the silo and the command center alike (one appsettings.json may serve both): how
/// many requests a store key and a signed-in person may make in a window, and how large a request body may be for each
/// kind of endpoint (<see cref="BodySizeKind"/>). The defaults are far above what a store or a person meets in normal
/// running (a store's catch-up posts one batch at a time, each waiting for its ack; a person clicks), so they stop only
/// a runaway client.
/// </summary>
public sealed class RequestLimitOptions
{
    public const string SectionName = "Limits";

    /// <summary>
    /// Requests one store key may make to the silo per <see cref="StoreWindow"/>: sale and scan batches, Z reports and
    /// heartbeats together. Default 1,200 per 10 s (120 a second: a store catching up with batches of 200 sales would
    /// send 24,000 sales a second, more than a silo takes from the whole chain).
    /// </summary>
    public int StoreRequestsPerWindow { get; set; } = 1200;

    /// <summary>The store key's window (fixed; a refused request's Retry-After is the rest of it). Default 10 s.</summary>
    public TimeSpan StoreWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Requests one signed-in person may make to the command center's API (<c>/api/…</c>) per <see cref="PersonWindow"/>.
    /// The pages work over their circuit and are not counted. Default 1,200 per 10 s.
    /// </summary>
    public int PersonRequestsPerWindow { get; set; } = 1200;

    /// <summary>The person's window. Default 10 s.</summary>
    public TimeSpan PersonWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Largest body of an edge agent's batch (sales, scans, Z reports). Default 16 MiB: a full batch of
    /// <c>Ingest:MaxSalesPerBatch</c> (1,000) sales of some 50 lines; the agent's own batches (200 sales) are a few
    /// hundred KiB. A larger one is refused with 413 and the agent halves its batch.
    /// </summary>
    public long MaxIngestBodyBytes { get; set; } = 16L << 20;

    /// <summary>
    /// Largest body of a file upload: a CSV import (customers, sales history) or an opportunity's evidence file. Default
    /// 4 GiB, the history import's own <c>History:Import:MaxFileBytes</c>. Each upload keeps its own rules besides
    /// (<c>History:Import:MaxFileBytes</c>, <c>Opportunities:Evidence:MaxBytes</c>, the customer import's row limit).
    /// </summary>
    public long MaxFileUploadBytes { get; set; } = 4L << 30;

    /// <summary>Largest body of every other request (JSON commands, heartbeats, sign-in). Default 4 MiB: the largest JSON command (targets for a region's stores, a quote of many lines) is some hundred KiB.</summary>
    public long MaxBodyBytes { get; set; } = 4L << 20;

    /// <summary>The limit for a kind of endpoint, and the configuration key that sets it.</summary>
    public (long Bytes, string Key) BodyLimit(BodySizeKind kind) => kind switch
    {
        BodySizeKind.Ingest => (MaxIngestBodyBytes, $"{SectionName}:{nameof(MaxIngestBodyBytes)}"),
        BodySizeKind.FileUpload => (MaxFileUploadBytes, $"{SectionName}:{nameof(MaxFileUploadBytes)}"),
        _ => (MaxBodyBytes, $"{SectionName}:{nameof(MaxBodyBytes)}"),
    };

    /// <summary>Null when the settings are usable, otherwise what is wrong.</summary>
    public string? Validate() =>
        StoreRequestsPerWindow < 1 || PersonRequestsPerWindow < 1
            ? $"{nameof(StoreRequestsPerWindow)} and {nameof(PersonRequestsPerWindow)} must be at least 1."
        : !IsWindow(StoreWindow) || !IsWindow(PersonWindow)
            ? $"{nameof(StoreWindow)} and {nameof(PersonWindow)} must be between 1 s and 01:00:00 (Retry-After counts whole seconds)."
        : MaxIngestBodyBytes < 1024 || MaxFileUploadBytes < 1024 || MaxBodyBytes < 1024
            ? $"{nameof(MaxIngestBodyBytes)}, {nameof(MaxFileUploadBytes)} and {nameof(MaxBodyBytes)} must be at least 1024 bytes."
        : null;

    private static bool IsWindow(TimeSpan window) => window >= TimeSpan.FromSeconds(1) && window <= TimeSpan.FromHours(1);
}
