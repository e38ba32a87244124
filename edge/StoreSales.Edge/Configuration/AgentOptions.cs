namespace StoreSales.Edge.Configuration;

/// <summary>The <c>Agent</c> configuration section: who this store is and where its sales go.</summary>
public sealed class AgentOptions
{
    public const string SectionName = "Agent";

    /// <summary>The store's id as the server knows it (e.g. <c>store-sh001</c>).</summary>
    public string StoreId { get; set; } = "";

    /// <summary>
    /// Base address of the ingest API (e.g. <c>http://127.0.0.1:5070</c>): the one server of a single-silo installation.
    /// Kept working as a list of one; <see cref="ServerUrls"/>, when set, takes its place.
    /// </summary>
    public string ServerUrl { get; set; } = "";

    /// <summary>
    /// Base addresses of every silo's ingest API (<c>Agent:ServerUrls:0</c>, <c>:1</c>, …), tried in this order: the
    /// agent keeps to the one that answers until it fails (no answer, a timeout, a 5xx, an open circuit), then moves to the
    /// next, wrapping round. When set, <see cref="ServerUrl"/> is not used.
    /// </summary>
    public List<string> ServerUrls { get; set; } = [];

    /// <summary>The servers in the order they are tried: <see cref="ServerUrls"/> when set, else <see cref="ServerUrl"/>.</summary>
    public IReadOnlyList<string> Servers() => ServerUrls.Count > 0 ? ServerUrls : [ServerUrl];

    /// <summary>
    /// The SHA-256 (hex; colons allowed) of the server's certificate or of its public key. When set, every server must be
    /// https and the agent sends only to a server presenting exactly that certificate (or key), whoever signed it; any other
    /// is refused, counted and shown by <c>doctor</c> and the status. Empty (default): the system's usual validation.
    /// </summary>
    public string ServerCertificatePin { get; set; } = "";

    /// <summary>
    /// The store's API key, sent as <c>X-Store-Key</c>. Read again for every request (appsettings.json is reloaded when
    /// it changes): a rotated key is put here and taken without a restart. Not needed with <see cref="StoreKeyFile"/>.
    /// </summary>
    public string StoreKey { get; set; } = "";

    /// <summary>
    /// A file holding the store key (its whole content, trimmed), read for every request instead of
    /// <see cref="StoreKey"/>: an operator rotating the key writes the new one into it and the agent sends it from the
    /// next request on, its outbox untouched. A relative path is resolved against the content root. Default: none.
    /// </summary>
    public string StoreKeyFile { get; set; } = "";

    /// <summary>SQLite outbox file; a relative path is resolved against the host's content root.</summary>
    public string OutboxPath { get; set; } = "outbox.db";

    /// <summary>Most sales per upload batch.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Longest sleep of the uploader when the outbox is empty; an append in this process wakes it at once.</summary>
    public TimeSpan UploadIdleDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the scan writer gathers decoded scans before it stores them in one outbox transaction (one sync to disk).
    /// A scan counts as taken only once stored; a crash of the agent (not a stop) loses at most this much of the scan
    /// stream. Zero: store each scan as it comes (a sync per scan on a busy store). Default 100 ms: 8 scanners at 20
    /// scans/s cost ten syncs a second (docs/benchmarks.md "Scan stream").
    /// </summary>
    public TimeSpan ScanWriteWindow { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long stored scans gather in the outbox before a batch smaller than <see cref="BatchSize"/> is uploaded: fewer,
    /// larger scan uploads. A backlog still goes in full batches without waiting. Zero: upload as soon as scans are stored.
    /// Default 250 ms, well inside the second a scan has to reach the store's hot items. Sales never wait.
    /// </summary>
    public TimeSpan ScanUploadWindow { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>First wait before reopening a serial port that could not be opened or went away; doubles up to <see cref="PortRetryMaxDelay"/>.</summary>
    public TimeSpan PortRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan PortRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the agent reports itself and its devices to <c>{ServerUrl}/api/stores/{StoreId}/heartbeats</c>.
    /// The server counts the devices offline after <c>Live:DeviceOfflineAfter</c> (2 min) without one. Default 30 s.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Bound of the outbox's content in bytes. Past it the agent keeps writing (a till sale is never refused) but
    /// logs an error per 100 writes, counts them and reports <c>over-bound</c> in its heartbeats. Default 1 GiB
    /// (some 500,000 sales of a few lines: weeks of a busy store offline).
    /// </summary>
    public long OutboxMaxBytes { get; set; } = 1L << 30;

    /// <summary>Share of <see cref="OutboxMaxBytes"/> from which the outbox is reported <c>near-full</c> (the server raises <c>outbox-near-full</c>). Default 0.8.</summary>
    public double OutboxNearFullRatio { get; set; } = 0.8;

    /// <summary>
    /// The agent logs a warning when the server's clock (from its acks) and the store PC's differ by more than this.
    /// Till times are then suspect; the server's own limit is <c>Live:ClockSkewAlertAfter</c>. Default 2 minutes.
    /// </summary>
    public TimeSpan ClockSkewWarnAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A batch whose every sale has waited in the outbox longer than this is sent as catch-up
    /// (<c>SaleBatch.CatchUp</c>): the server then serves it after live batches. Default 30 s, well above a normal
    /// upload's round trip and the first retries of a brief blip, well below an outage anyone would call one.
    /// </summary>
    public TimeSpan CatchUpAfter { get; set; } = TimeSpan.FromSeconds(30);
}
