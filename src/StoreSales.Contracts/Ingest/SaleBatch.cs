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
}
