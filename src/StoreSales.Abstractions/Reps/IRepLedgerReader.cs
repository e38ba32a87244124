namespace StoreSales.Abstractions.Reps;

/// <summary>
/// Reads a rep's sales back from the ledger, so that a rep grain whose state is missing or behind rebuilds its figures
/// from the system of record.
/// </summary>
public interface IRepLedgerReader
{
    /// <summary>
    /// The sales credited to <paramref name="repId"/> rung up at or after <paramref name="from"/>, at any store, ordered
    /// by store, terminal and sequence. One range of the partial index on (rep_id, rung_up_at) (migration 0220).
    /// </summary>
    Task<IReadOnlyList<RepSale>> ReadSince(string repId, DateTimeOffset from, CancellationToken cancellationToken);
}
