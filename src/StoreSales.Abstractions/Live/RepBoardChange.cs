namespace StoreSales.Abstractions.Live;

/// <summary>
/// Something on a rep's board changed: which rep, and what. Deliberately small: a page watching the rep re-reads what
/// it shows (its reads are scoped to the viewer), so no customer data travels through the cluster to every host.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RepBoardChange(
    [property: Id(0)] string RepId,
    [property: Id(1)] RepBoardChangeKind What);

/// <summary>What changed on a rep's board.</summary>
public enum RepBoardChangeKind
{
    /// <summary>The rep's figures against target (a sale credited, a new band).</summary>
    Progress,

    /// <summary>A lead was assigned to the rep.</summary>
    LeadAssigned,

    /// <summary>The rep recorded an interaction (a first contact closes a lead; any contact moves a follow-up).</summary>
    InteractionRecorded,
}
