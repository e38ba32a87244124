using System.Collections.Immutable;
using StoreSales.Abstractions.ContractToCash;
using StoreSales.Abstractions.Interventions;
using StoreSales.Abstractions.Regions;
using StoreSales.Abstractions.Stores;

namespace StoreSales.Abstractions.Live;

/// <summary>
/// A batch of live changes for the hosts that push to browsers; only the latest per subject. <see cref="Reps"/>: the reps
/// whose boards changed, each (rep, what) once; <see cref="Pool"/> and <see cref="HandOvers"/> likewise, each change once.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LiveUpdateBatch(
    [property: Id(0)] ImmutableArray<StoreProgress> Stores,
    [property: Id(1)] ImmutableArray<RegionProgress> Regions,
    [property: Id(2)] ImmutableArray<Intervention> Interventions,
    [property: Id(3)] ImmutableArray<RepBoardChange> Reps,
    [property: Id(4)] ImmutableArray<PoolChange> Pool,
    [property: Id(5)] ImmutableArray<HandOverListChange> HandOvers)
{
    /// <summary>The opportunities that changed, each once.</summary>
    [Id(6)]
    public ImmutableArray<OpportunityChange> Opportunities { get; init; } = [];

    /// <summary>Customers whose three-way match status changed, the newest status of each.</summary>
    [Id(7)]
    public ImmutableArray<CustomerMatchStatus> Matches { get; init; } = [];

    /// <summary>Scans that moved a store's hot items, each once, for the HQ heatmap's live cells.</summary>
    [Id(8)]
    public ImmutableArray<HeatmapScan> Scans { get; init; } = [];
}
