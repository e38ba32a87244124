using System.Collections.Immutable;

namespace StoreSales.Abstractions.Stores;

/// <summary>
/// A store's live figures. Key: the store id (e.g. <c>store-sh001</c>; never a purely numeric string).
/// </summary>
public interface IStoreGrain : IGrainWithStringKey
{
    /// <summary>
    /// Counts sales into the day and month figures, each (terminal, sequence) once however often it is sent.
    /// Returns after the new state is durable in grain storage.
    /// </summary>
    Task<SalesApplied> ApplySales(ImmutableArray<StoreSale> sales);

    Task<StoreProgress> GetProgress();

    /// <summary>
    /// Keeps the agent's latest heartbeat (in memory only: it is live state, the next heartbeat refills it)
    /// and publishes the store when a device's status changed.
    /// </summary>
    Task ReportHeartbeat(StoreHeartbeat heartbeat);
}
