using StoreSales.Contracts.Ingest;

namespace StoreSales.Data.Ledger;

/// <summary>
/// A batch sent a (terminal, sequence) the ledger holds with other content: another sale under a sequence already used
/// (an agent that counted again from a sequence it had used, or a forged batch). Nothing of the batch was written; the
/// caller answers 409 naming <see cref="Conflicts"/>.
/// </summary>
public sealed class SaleSequenceConflictException(string storeId, IReadOnlyList<SaleKey> conflicts)
    : Exception($"Store {storeId}: {conflicts.Count} sale(s) of the batch reuse a recorded (terminal, sequence) with other content, the first terminal {conflicts[0].TerminalId} sequence {conflicts[0].Sequence}.")
{
    public string StoreId { get; } = storeId;

    /// <summary>The keys recorded with other content, in the batch's order.</summary>
    public IReadOnlyList<SaleKey> Conflicts { get; } = conflicts;
}
