namespace StoreSales.Contracts.Ingest;

/// <summary>
/// The ingest API's answer: every sale listed in <see cref="Durable"/> is committed in the ledger
/// (now or by an earlier batch) and applied to the store's live figures. The agent may forget exactly those.
/// The scan endpoint answers with the same shape: its keys are (terminal, scan sequence) and its counts are scans.
/// </summary>
public sealed record BatchAck
{
    public string? BatchId { get; init; }

    /// <summary>Sales newly recorded by this batch.</summary>
    public int Accepted { get; init; }

    /// <summary>Sales that an earlier batch had already recorded (a retry or an overlap).</summary>
    public int Duplicates { get; init; }

    public IReadOnlyList<SaleKey> Durable { get; init; } = [];

    /// <summary>Server clock when the batch was committed, for the agent's clock-skew estimate.</summary>
    public DateTimeOffset ServerTime { get; init; }
}

public sealed record SaleKey(string TerminalId, long Sequence);
