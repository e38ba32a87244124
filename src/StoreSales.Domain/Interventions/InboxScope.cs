using StoreSales.Domain.Access;
using StoreSales.Domain.Notifications;

namespace StoreSales.Domain.Interventions;

/// <summary>
/// Which alerts one viewer's intervention inbox holds, decided once for the page, the API, the live hub and a deep link:
/// those of the regions they lead (every region for HQ and administrators), of the stores they manage, and every alert
/// assigned to someone they answer for (<see cref="AlertAudience.AssigneesOf"/>: <c>finance</c> for finance, a rep's own
/// <c>rep:{id}</c>, a sales team's <c>store-manager:{team}</c>), wherever it is. A region or store scope alone would hide
/// a finance user's instalment alerts and a rep's lead alerts from the very people they are assigned to.
/// </summary>
public sealed record InboxScope(IReadOnlySet<string>? Regions, IReadOnlySet<string> Stores, IReadOnlySet<string> Assignees)
{
    public static InboxScope Of(ViewerScope viewer) => new(
        viewer.SeesWholeChain ? null : viewer.Regions.Where(viewer.CanSeeInterventions).ToHashSet(StringComparer.Ordinal),
        viewer.Stores.Where(viewer.CanSeeStoreInterventions).ToHashSet(StringComparer.Ordinal),
        AlertAudience.AssigneesOf(viewer));

    /// <summary>Whether every region's alerts are in it (HQ, administrators).</summary>
    public bool WholeChain => Regions is null;

    /// <summary>An inbox that can hold nothing: the page says "not allowed", the API answers an empty list.</summary>
    public bool IsEmpty => Regions is { Count: 0 } && Stores.Count == 0 && Assignees.Count == 0;

    /// <summary>Whether the alert (of that region and store, assigned to that assignee) is in this inbox.</summary>
    public bool Covers(string? regionId, string? storeId, string assignee) =>
        Regions is null
        || (regionId is not null && Regions.Contains(regionId))
        || (storeId is not null && Stores.Contains(storeId))
        || Assignees.Contains(assignee);
}
