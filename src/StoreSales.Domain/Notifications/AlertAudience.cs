using StoreSales.Domain.Access;
using StoreSales.Domain.Alerts;

namespace StoreSales.Domain.Notifications;

/// <summary>
/// The alert assignees a person answers for, from their sign-in scope: the same people who work an alert in the inbox
/// (<see cref="ViewerScope.CanActOnIntervention"/>) are the ones it is pushed to. HQ answers for <c>hq</c>; a region's
/// regional manager and field supervisors for <c>supervisor:{region}</c>, its regional manager alone for
/// <c>regional-manager:{region}</c> (an alert escalated along the chain); a store's manager for
/// <c>store-manager:{store}</c>, a sales team's manager for <c>store-manager:{team}</c>; a rep for <c>rep:{rep}</c>;
/// finance for <c>finance</c> (chain-wide receivables). An administrator or a board answers for nothing.
/// </summary>
public static class AlertAudience
{
    public static IReadOnlySet<string> AssigneesOf(ViewerScope scope)
    {
        var assignees = new SortedSet<string>(StringComparer.Ordinal);
        if (scope.Roles.Contains(ChainRoles.Hq))
        {
            assignees.Add(AlertNames.Hq);
        }

        if (scope.Roles.Contains(ChainRoles.Finance))
        {
            assignees.Add(AlertNames.Finance);
        }

        if (scope.Roles.Contains(ChainRoles.RegionalManager) || scope.Roles.Contains(ChainRoles.FieldSupervisor))
        {
            assignees.UnionWith(scope.Regions.Select(r => AlertNames.SupervisorPrefix + r));
        }

        // An alert the escalation chain moved up from a region's field supervisors is the regional manager's alone.
        if (scope.Roles.Contains(ChainRoles.RegionalManager))
        {
            assignees.UnionWith(scope.Regions.Select(r => AlertNames.RegionalManagerPrefix + r));
        }

        if (scope.Roles.Contains(ChainRoles.StoreManager))
        {
            assignees.UnionWith(scope.Stores.Select(s => AlertNames.StoreManagerPrefix + s));
        }

        if (scope.Roles.Contains(ChainRoles.SalesManager))
        {
            assignees.UnionWith(scope.Departments.Select(d => AlertNames.StoreManagerPrefix + d));
        }

        if (scope.RepId is { Length: > 0 } rep)
        {
            assignees.Add(AlertNames.RepPrefix + rep);
        }

        return assignees;
    }

    /// <summary>Whether the person answers for <paramref name="assignee"/> (is told of its alerts, works them in the inbox).</summary>
    public static bool AnswersFor(ViewerScope scope, string assignee) => AssigneesOf(scope).Contains(assignee);

    /// <summary>
    /// The region, store, sales team or rep an assignee names (<c>east</c> of <c>supervisor:east</c>), or null for a
    /// chain-wide one (<c>hq</c>, <c>finance</c>): only people whose scope mentions it can answer for it, which lets a
    /// reader narrow the candidates before asking <see cref="AnswersFor"/>.
    /// </summary>
    public static string? ScopeKeyOf(string assignee) =>
        assignee.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? assignee[(colon + 1)..] : null;
}
