using System.Collections.Immutable;
using Orleans.Concurrency;

using StoreSales.Abstractions.ContractToCash;
using StoreSales.Abstractions.Interventions;
using StoreSales.Abstractions.Regions;
using StoreSales.Abstractions.Stores;

namespace StoreSales.Abstractions.Live;

/// <summary>
/// A stateless worker on every silo that batches live updates and sends each batch to every listening host,
/// so grains never wait for browsers and a burst of sales becomes a few messages.
/// </summary>
public interface ILiveUpdateNotifierGrain : IGrainWithIntegerKey
{
    [OneWay]
    Task PublishStore(StoreProgress progress);

    [OneWay]
    Task PublishRegion(RegionProgress progress);

    [OneWay]
    Task PublishIntervention(Intervention intervention);

    /// <summary>A rep's board changed (a lead assigned, an interaction recorded, new figures): to every host watching it.</summary>
    [OneWay]
    Task PublishRepChange(RepBoardChange change);

    /// <summary>A customer entered or left the public pool: to every host, for the pool pages in its scope.</summary>
    [OneWay]
    Task PublishPoolChange(PoolChange change);

    /// <summary>A departing rep's hand-overs changed: to every host, for the worklists in its scope.</summary>
    [OneWay]
    Task PublishHandOverChange(HandOverListChange change);

    /// <summary>An opportunity changed: to every host, for the pipeline and opportunity pages in its scope.</summary>
    [OneWay]
    Task PublishOpportunityChange(OpportunityChange change);

    /// <summary>A customer's three-way match status changed: to every host, for its boards and contract pages (newest per customer).</summary>
    [OneWay]
    Task PublishMatchStatus(CustomerMatchStatus status);

    /// <summary>The set of listening hosts changed: read it again before the next send (the silo's own notifier only).</summary>
    [OneWay]
    Task HostsChanged();

    /// <summary>Scans that moved a store's hot items: to every host, for the HQ heatmap pages (each scan once).</summary>
    [OneWay]
    Task PublishScans(ImmutableArray<HeatmapScan> scans);
}
