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

    /// <summary>
    /// How this inbox holds an alert (of that region and store, assigned now to <paramref name="assignee"/> and before its
    /// escalations to <paramref name="assignedBefore"/>): <see cref="InboxHolding.Works"/> when it covers the alert as it
    /// is now; <see cref="InboxHolding.EscalatedAway"/> when it covered only an earlier assignee — the viewer still sees
    /// it and its deep link, marked as escalated to whom, but working it is for the inbox of whom it went to;
    /// <see cref="InboxHolding.None"/> otherwise (an unknown alert to them).
    /// </summary>
    public InboxHolding HoldingOf(string? regionId, string? storeId, string assignee, IEnumerable<string> assignedBefore) =>
        Covers(regionId, storeId, assignee) ? InboxHolding.Works
        : assignedBefore.Any(Assignees.Contains) ? InboxHolding.EscalatedAway
        : InboxHolding.None;

    /// <summary>Whether the inbox lists the alert at all (<see cref="HoldingOf"/> is not <see cref="InboxHolding.None"/>).</summary>
    public bool Holds(string? regionId, string? storeId, string assignee, IEnumerable<string> assignedBefore) =>
        HoldingOf(regionId, storeId, assignee, assignedBefore) != InboxHolding.None;

    /// <summary>Whether the alert (of that region and store, assigned to that assignee) is in this inbox to work.</summary>
    public bool Covers(string? regionId, string? storeId, string assignee) =>
        Regions is null
        || (regionId is not null && Regions.Contains(regionId))
        || (storeId is not null && Stores.Contains(storeId))
        || Assignees.Contains(assignee);
}

/// <summary>How an inbox holds an alert (<see cref="InboxScope.HoldingOf"/>).</summary>
public enum InboxHolding
{
    /// <summary>Not in the inbox: answered like an unknown alert.</summary>
    None = 0,

    /// <summary>In the inbox, to see and work (if the viewer's role may act on it).</summary>
    Works = 1,

    /// <summary>Assigned to someone the viewer answers for, then escalated away: listed, marked, read-only.</summary>
    EscalatedAway = 2,
}
