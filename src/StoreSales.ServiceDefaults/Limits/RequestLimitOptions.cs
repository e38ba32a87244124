namespace StoreSales.ServiceDefaults.Limits;

/// <summary>
/// The <c>Limits</c> section, read by the silo and the command center alike (one appsettings.json may serve both): how
/// many requests a store key, a signed-in person and one client address at the command center's anonymous doors (sign-in,
/// live-hub connections) may make in a window, and how large a request body may be for each
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
    /// Sign-in attempts one client address may make to the command center per <see cref="SignInWindow"/>: password
    /// sign-ins (the sign-in page's form and <c>POST /api/account/sign-in</c>) and board-token sign-ins
    /// (<c>/board/sign-in</c>) together, whether they succeed or not. The lockout (<c>Access:MaxFailedAttempts</c>) guards
    /// each account; this bounds how many accounts and board tokens one address can try. Default 30 per minute: a store's
    /// or an office's staff behind one address sign in a few a minute at the start of a shift. Raise it for a large office
    /// that reaches the command center through one address.
    /// </summary>
    public int SignInsPerAddress { get; set; } = 30;

    /// <summary>The sign-in window (fixed; a refused attempt's Retry-After is the rest of it). Default 1 minute.</summary>
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// New connections one client address may open to the live hub (<c>/hubs/…</c>) per <see cref="HubConnectionWindow"/>:
    /// a negotiation, or a WebSocket opened without one. Requests of an open connection are not counted. Default 60 per
    /// minute: a store's TVs and tablets reconnecting together after a restart stay far below it.
    /// </summary>
    public int HubConnectionsPerAddress { get; set; } = 60;

    /// <summary>The hub connection window. Default 1 minute.</summary>
    public TimeSpan HubConnectionWindow { get; set; } = TimeSpan.FromMinutes(1);

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
        : SignInsPerAddress < 1 ? $"{SectionName}:{nameof(SignInsPerAddress)} must be at least 1 (is {SignInsPerAddress})."
        : !IsWindow(SignInWindow) ? $"{SectionName}:{nameof(SignInWindow)} must be between 1 s and 01:00:00 (is {SignInWindow})."
        : HubConnectionsPerAddress < 1 ? $"{SectionName}:{nameof(HubConnectionsPerAddress)} must be at least 1 (is {HubConnectionsPerAddress})."
        : !IsWindow(HubConnectionWindow) ? $"{SectionName}:{nameof(HubConnectionWindow)} must be between 1 s and 01:00:00 (is {HubConnectionWindow})."
        : MaxIngestBodyBytes < 1024 || MaxFileUploadBytes < 1024 || MaxBodyBytes < 1024
            ? $"{nameof(MaxIngestBodyBytes)}, {nameof(MaxFileUploadBytes)} and {nameof(MaxBodyBytes)} must be at least 1024 bytes."
        : null;

    private static bool IsWindow(TimeSpan window) => window >= TimeSpan.FromSeconds(1) && window <= TimeSpan.FromHours(1);
}
