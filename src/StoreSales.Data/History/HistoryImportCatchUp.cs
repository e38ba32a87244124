using StoreSales.Abstractions.Stores;
using StoreSales.Domain.Sales.History;

namespace StoreSales.Data.History;

/// <summary>
/// Tells the live store grains about a committed chunk (docs/domain.md "History import"): a store whose current month may
/// have got sales (<see cref="HistoryCurrentMonth"/>) reads its month from the ledger again
/// (<see cref="IStoreGrain.CatchUpFromLedger"/>), so an open board shows the imported earlier days at once instead of at
/// the grain's next activation. Only chunks that added sales are told: a re-import changes no figure.
/// </summary>
public sealed class HistoryImportCatchUp(IGrainFactory grains, TimeProvider clock)
{
    /// <returns>The stores told.</returns>
    public async Task<IReadOnlyList<string>> Tell(HistoryImportChunkWritten chunk)
    {
        if (chunk.SalesAdded == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        var stores = chunk.LastDays.Where(s => HistoryCurrentMonth.MayHold(s.Value, now)).Select(s => s.Key).Order(StringComparer.Ordinal).ToList();
        await Task.WhenAll(stores.Select(store => grains.GetGrain<IStoreGrain>(store).CatchUpFromLedger()));
        return stores;
    }
}
