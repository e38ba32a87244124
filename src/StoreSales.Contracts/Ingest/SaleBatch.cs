namespace StoreSales.Contracts.Ingest;

/// <summary>
/// Body of <c>POST /api/stores/{storeId}/sales/batches</c>. A batch may repeat or overlap an earlier one:
/// each sale is identified by (terminal, sequence), so a retry has no further effect.
/// </summary>
public sealed record SaleBatch
{
    /// <summary>Chosen by the agent; echoed in the ack and in logs. Not used for deduplication.</summary>
    public string? BatchId { get; init; }

    public IReadOnlyList<SaleRecord> Sales { get; init; } = [];

    /// <summary>
    /// True when the agent is sending a backlog (sales that waited in its outbox, e.g. after an outage) rather than
    /// what the tills just rang up. The server serves live batches first and keeps a share of its capacity for
    /// catch-up, so a chain-wide reconnect never queues today's live sales behind yesterday's backlog.
    /// Agents that do not send it are treated as live.
    /// </summary>
    public bool CatchUp { get; init; }
}
