using Orleans.Concurrency;

using StoreSales.Abstractions.Stores;

namespace StoreSales.Abstractions.Regions;

/// <summary>Aggregates its stores' progress. Key: the region id (e.g. <c>region-east</c>).</summary>
public interface IRegionGrain : IGrainWithStringKey
{
    /// <summary>A store's latest progress; the region coalesces these before it publishes.</summary>
    [OneWay]
    Task ReportStore(StoreProgress progress);

    Task<RegionProgress> GetProgress();
}
