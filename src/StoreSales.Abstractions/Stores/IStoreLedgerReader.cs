using StoreSales.Domain.HotItems;

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

    /// <summary>
    /// The store's sales that a checkpoint does not contain yet, figures only (no lines), ordered by terminal and
    /// sequence: of each terminal in <paramref name="watermarks"/> those with a sequence above its watermark, of every
    /// other terminal of the store all of them; in both cases only those rung up at or after <paramref name="from"/>.
    /// Costs an index probe and range per known terminal; only a terminal new to the checkpoint costs a read of the store's month.
    /// </summary>
    Task<IReadOnlyList<StoreSale>> ReadTail(string storeId, IReadOnlyDictionary<string, long> watermarks, DateTimeOffset from, CancellationToken cancellationToken);

    /// <summary>
    /// The store's item scans (not member cards) received at or after <paramref name="from"/> from
    /// <paramref name="terminalIds"/>, oldest first: the scan-sourced terminals' part of the hot-item window, read when
    /// the store grain activates.
    /// </summary>
    Task<IReadOnlyList<StoreScan>> ReadScansSince(string storeId, IReadOnlyCollection<string> terminalIds, DateTimeOffset from, CancellationToken cancellationToken);

    /// <summary>
    /// What the store usually sells of each item in the store-local hour starting at <paramref name="localHourStart"/>:
    /// its units in the same weekday and hour of each of the previous <paramref name="weeks"/> weeks, averaged over
    /// the weeks that had sales then (<see cref="UsualVelocity.FromHistory"/>).
    /// </summary>
    Task<UsualVelocity> ReadUsualVelocity(string storeId, DateTime localHourStart, int weeks, CancellationToken cancellationToken);
}
