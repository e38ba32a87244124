namespace StoreSales.Contracts.Ingest;

/// <summary>
/// Body of <c>POST /api/stores/{storeId}/scans/batches</c>. Each scan is identified by (terminal, sequence), so a
/// batch sent again, or overlapping an earlier one, changes nothing the second time. The answer is a
/// <see cref="BatchAck"/> whose keys are scan keys (terminal, scan sequence).
/// </summary>
public sealed record ScanBatch
{
    /// <summary>Chosen by the agent; echoed in the ack and in logs. Not used for deduplication.</summary>
    public string? BatchId { get; init; }

    public IReadOnlyList<ScanRecord> Scans { get; init; } = [];
}
