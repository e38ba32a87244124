namespace StoreSales.Abstractions.Live;

/// <summary>
/// A customer entered or left the public pool (a release, a claim, a lead given to a rep). It carries only what decides
/// who may hear it (the customer's team, the store of the rep it was released from, as the pool listing scopes it) and
/// the customer's id: a pool page re-reads its scoped list, so no customer data travels through the cluster.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PoolChange(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string DepartmentId,
    [property: Id(2)] string? ReleasedFromStoreId,
    [property: Id(3)] PoolChangeKind What);

/// <summary>Which way the customer moved.</summary>
public enum PoolChangeKind
{
    /// <summary>Released to the pool (dormant).</summary>
    Entered,

    /// <summary>Out of the pool: claimed by a rep, or given to a rep as a lead.</summary>
    Left,
}
