using System.Collections.Immutable;

namespace StoreSales.Abstractions.Live;

/// <summary>
/// A departing rep's hand-overs changed: opened, successors named, one completed. It carries what decides who may hear
/// it (the departing rep's store, team and region; every successor named before or after the change) and nothing of the
/// customers: a worklist re-reads its scoped list.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record HandOverListChange(
    [property: Id(0)] string DepartingRepId,
    [property: Id(1)] string StoreId,
    [property: Id(2)] string DepartmentId,
    [property: Id(3)] string RegionId,
    [property: Id(4)] ImmutableArray<string> Successors,
    [property: Id(5)] HandOverListChangeKind What);

/// <summary>What happened to the hand-overs.</summary>
public enum HandOverListChangeKind
{
    /// <summary>A departure started: a hand-over opened for each of the rep's customers.</summary>
    Opened,

    /// <summary>A hand-over's successors, stage or notes changed.</summary>
    Updated,

    /// <summary>A hand-over was completed: its first successor owns the customer.</summary>
    Completed,
}
