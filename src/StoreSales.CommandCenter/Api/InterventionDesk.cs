using System.Security.Claims;
using StoreSales.Abstractions.Interventions;
using StoreSales.CommandCenter.Access;
using StoreSales.Domain.Interventions;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// Where a person works an alert, from the inbox page or the API alike: the alert must be the current one of its
/// condition, in the person's inbox (<see cref="InboxScope"/>; else it is unknown to them), theirs to work
/// (<c>ViewerScope.CanActOnIntervention</c>), and the lifecycle rule decides the rest (in the grain).
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
        var scope = person.ToViewerScope();
        // An alert outside the person's inbox (another rep's, another region's) is answered like an unknown one.
        var holding = current is null || current.AlertId != alertId
            ? InboxHolding.None
            : InboxScope.Of(scope).HoldingOf(current.Subject.RegionId, current.Subject.StoreId, current.Assignee, current.AssignedBefore);
        if (holding == InboxHolding.None)
        {
            return new Answer(Outcome.UnknownAlert, null, $"There is no current alert '{alertId}' in your inbox.");
        }

        // Escalated away from them, the alert stays in their inbox to see; working it is for whom it went to.
        if (holding == InboxHolding.EscalatedAway)
        {
            return new Answer(Outcome.NotAllowed, current, $"Escalated to {current!.Assignee}: it is theirs to work now.");
        }

        if (!scope.CanActOnIntervention(current!.Subject.RegionId, current.Assignee))
        {
            return new Answer(Outcome.NotAllowed, current, "Only HQ and the region's managers and field supervisors work its alerts, and whoever answers for its assignee (the store's or team's manager, the rep, finance).");
        }

        var result = await grain.Act(action, person.Identity!.Name!, note);
        return result.Accepted
            ? new Answer(Outcome.Done, result.Intervention, null)
            : new Answer(Outcome.Refused, result.Intervention ?? current, result.RefusedBecause);
    }

    /// <summary>The alert with its full history, for a viewer whose inbox holds it (<see cref="InboxScope"/>); null otherwise, as for an unknown one.</summary>
    public async Task<Intervention?> Find(ClaimsPrincipal viewer, string alertId)
    {
        var current = await cluster.GetGrain<IInterventionGrain>(alertId.Split('#')[0]).GetCurrent();
        return current is not null && current.AlertId == alertId
            && InboxScope.Of(viewer.ToViewerScope()).Holds(current.Subject.RegionId, current.Subject.StoreId, current.Assignee, current.AssignedBefore)
            ? current
            : null;
    }
}
