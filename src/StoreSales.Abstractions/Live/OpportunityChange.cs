namespace StoreSales.Abstractions.Live;

/// <summary>
/// An opportunity changed (opened, moved, evidence added, its contract entry decided). It carries only what decides who
/// may hear it (the owner rep, the team): a pipeline or opportunity page re-reads what its viewer may see, so no
/// opportunity data travels through the cluster.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OpportunityChange(
    [property: Id(0)] string OpportunityId,
    [property: Id(1)] string OwnerRepId,
    [property: Id(2)] string DepartmentId);
