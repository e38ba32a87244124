using Orleans.Concurrency;

namespace StoreSales.Abstractions.Regions;

/// <summary>Aggregates its stores' progress. Key: the region id (e.g. <c>region-east</c>).</summary>
public interface IRegionGrain : IGrainWithStringKey
{
    /// <summary>A store's latest line; the region keeps the newest per store and coalesces before it publishes.</summary>
    [OneWay]
    Task ReportStore(StoreSummary summary);

    /// <summary>Answers at once, also while the region is still hearing from its stores (<see cref="RegionProgress.StoresKnown"/>).</summary>
    Task<RegionProgress> GetProgress();
}
