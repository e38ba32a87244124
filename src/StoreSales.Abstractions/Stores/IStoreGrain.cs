using System.Collections.Immutable;

namespace StoreSales.Abstractions.Stores;

/// <summary>
/// A store's live figures. Key: the store id (e.g. <c>store-sh001</c>; never a purely numeric string).
/// </summary>
public interface IStoreGrain : IGrainWithStringKey
{
    /// <summary>
    /// Counts sales into the day and month figures, each (terminal, sequence) once however often it is sent.
    /// Only for sales already committed to the ledger: they are counted in memory and returned at once; the state is
    /// checkpointed later, and a store that lost its memory (crash, deactivation) counts the rest from the ledger tail.
    /// </summary>
    Task<SalesApplied> ApplySales(ImmutableArray<StoreSale> sales);

    /// <summary>
    /// Counts the store's sales that are in the ledger and not in its figures yet: for a caller whose
    /// <see cref="ApplySales"/> timed out or failed after the ledger commit (an expired call is dropped, not retried).
    /// Figures only: such sales do not reach the hot items or the ticker.
    /// </summary>
    Task<SalesApplied> CatchUpFromLedger();

    /// <summary>
    /// Moves the hot items at the scan for the store's scan-sourced terminals (<c>HotItems:ScanSourcedTerminals</c>);
    /// scans of other terminals are ignored (their sales count). Only for scans newly committed to the scan ledger, so
    /// each counts once; a scan-sourced terminal's sales then leave the hot items alone, never counting an item twice.
    /// </summary>
    Task ApplyScans(ImmutableArray<StoreScan> scans);

    Task<StoreProgress> GetProgress();

    /// <summary>
    /// Of <paramref name="sequences"/> of <paramref name="terminalId"/>, those the store's figures have not counted
    /// (day-end reconciliation compares the ledger's day with what the store grain counted of it).
    /// </summary>
    Task<ImmutableArray<long>> Uncounted(string terminalId, ImmutableArray<long> sequences);

    /// <summary>
    /// Keeps the agent's latest heartbeat (in memory only: it is live state, the next heartbeat refills it)
    /// and publishes the store when a device's status changed.
    /// </summary>
    Task ReportHeartbeat(StoreHeartbeat heartbeat);

    /// <summary>
    /// Drops the cached month target and store events, publishes re-paced progress. Called after a target or a store
    /// event of this store was committed, so open boards show the new pace at once.
    /// </summary>
    Task ReloadTarget();

    /// <summary>
    /// <paramref name="monthTarget"/> for <paramref name="month"/> split into days by this store's pacing profile, in cents
    /// that add up to it (docs/domain.md "Sales targets"): the daily split the targets API shows for the store and its reps.
    /// </summary>
    Task<ImmutableArray<DayAmount>> SplitByDay(DateOnly month, decimal monthTarget);
}
