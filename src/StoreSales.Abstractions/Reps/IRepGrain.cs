using System.Collections.Immutable;
using StoreSales.Abstractions.Stores;

namespace StoreSales.Abstractions.Reps;

/// <summary>
/// A sales rep's live figures: today's and this month's sales credited to the rep against the rep's target, paced to
/// the rep's store. Key: the rep id (e.g. <c>rep-sh001-01</c>; never a purely numeric string).
/// </summary>
public interface IRepGrain : IGrainWithStringKey
{
    /// <summary>
    /// Counts sales credited to the rep, each (store, terminal, sequence) once however often it is sent. Only for sales
    /// already committed to the ledger: counted in memory, checkpointed later; a rep that lost its memory (crash,
    /// deactivation) counts the rest of its month from the ledger. A rep missing from master data counts nothing
    /// (its sales stay in the ledger and are counted once it is added).
    /// </summary>
    Task<SalesApplied> ApplySales(ImmutableArray<RepSale> sales);

    /// <summary>
    /// Counts the rep's sales of this month that are in the ledger and not in its figures yet: for the ingest API when
    /// an <see cref="ApplySales"/> it sent failed or timed out after the ledger commit.
    /// </summary>
    Task<SalesApplied> CatchUpFromLedger();

    Task<RepProgress> GetProgress();

    /// <summary>
    /// Drops the cached month target (and the store pace and recorded closures it follows) and reads them again, then tells the open rep boards
    /// at once: a target changed through the targets API re-paces the rep without waiting for the next refresh.
    /// </summary>
    Task ReloadTarget();
}
