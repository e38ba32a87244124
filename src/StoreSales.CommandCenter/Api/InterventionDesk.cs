using System.Security.Claims;
using StoreSales.Abstractions.Interventions;
using StoreSales.CommandCenter.Access;
using StoreSales.Domain.Interventions;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// Where a person works an alert, from the inbox page or the API alike: the alert must be the current one of its
/// condition, the person must cover its region, and the lifecycle rule decides the rest (in the grain).
/// </summary>
public sealed class InterventionDesk(IClusterClient cluster)
{
    public enum Outcome
    {
        Done,
        UnknownAlert,
        NotAllowed,
        Refused,
    }

    public sealed record Answer(Outcome Outcome, Intervention? Intervention, string? Reason);

    public async Task<Answer> Act(ClaimsPrincipal person, string alertId, InterventionAction action, string? note)
    {
        var grain = cluster.GetGrain<IInterventionGrain>(alertId.Split('#')[0]);
        var current = await grain.GetCurrent();
        if (current is null || current.AlertId != alertId)
        {
            return new Answer(Outcome.UnknownAlert, null, $"There is no current alert '{alertId}'.");
        }

        if (!person.ToViewerScope().CanActOnIntervention(current.Subject.RegionId, current.Assignee))
        {
            return new Answer(Outcome.NotAllowed, current, "Only HQ and the region's managers and field supervisors work its alerts, and a store's manager those assigned to the store.");
        }

        var result = await grain.Act(action, person.Identity!.Name!, note);
        return result.Accepted
            ? new Answer(Outcome.Done, result.Intervention, null)
            : new Answer(Outcome.Refused, result.Intervention ?? current, result.RefusedBecause);
    }

    /// <summary>The alert with its full history, for a viewer who may see its region.</summary>
    public async Task<Intervention?> Find(ClaimsPrincipal viewer, string alertId)
    {
        var current = await cluster.GetGrain<IInterventionGrain>(alertId.Split('#')[0]).GetCurrent();
        var scope = viewer.ToViewerScope();
        return current is not null && current.AlertId == alertId
            && ((current.Subject.RegionId is { } regionId && scope.CanSeeInterventions(regionId)) || scope.CanSeeStoreInterventions(current.Subject.StoreId))
            ? current
            : null;
    }
}
