namespace StoreSales.Edge.Configuration;

/// <summary>The <c>Agent</c> configuration section: who this store is and where its sales go.</summary>
public sealed class AgentOptions
{
    public const string SectionName = "Agent";

    /// <summary>The store's id as the server knows it (e.g. <c>store-sh001</c>).</summary>
    public string StoreId { get; set; } = "";

    /// <summary>Base address of the ingest API (e.g. <c>http://127.0.0.1:5070</c>).</summary>
    public string ServerUrl { get; set; } = "";

    /// <summary>The store's API key, sent as <c>X-Store-Key</c>.</summary>
    public string StoreKey { get; set; } = "";

    /// <summary>SQLite outbox file; a relative path is resolved against the host's content root.</summary>
    public string OutboxPath { get; set; } = "outbox.db";

    /// <summary>Most sales per upload batch.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Longest sleep of the uploader when the outbox is empty; an append in this process wakes it at once.</summary>
    public TimeSpan UploadIdleDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First wait before reopening a serial port that could not be opened or went away; doubles up to <see cref="PortRetryMaxDelay"/>.</summary>
    public TimeSpan PortRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan PortRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the agent reports itself and its devices to <c>{ServerUrl}/api/stores/{StoreId}/heartbeats</c>.
    /// The server counts the devices offline after <c>Live:DeviceOfflineAfter</c> (2 min) without one. Default 30 s.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);
}
