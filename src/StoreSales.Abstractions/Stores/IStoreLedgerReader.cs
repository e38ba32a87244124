namespace StoreSales.Abstractions.Stores;

/// <summary>
/// Reads a store's sales back from the ledger, so that a store grain whose state is missing (new, or lost)
/// rebuilds its live figures from the system of record instead of starting at zero.
/// </summary>
public interface IStoreLedgerReader
{
    /// <summary>
    /// Sales of the store rung up at or after <paramref name="from"/>, oldest first; lines are included only for
    /// sales at or after <paramref name="linesFrom"/> (the hot-item window), to keep the read small.
    /// </summary>
    Task<IReadOnlyList<StoreSale>> ReadSince(string storeId, DateTimeOffset from, DateTimeOffset linesFrom, CancellationToken cancellationToken);
}
