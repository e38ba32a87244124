using StoreSales.Domain.Access;
using StoreSales.Domain.Alerts;

namespace StoreSales.Domain.Interventions;

/// <summary>
/// Who an alert past its SLA goes to next (docs/domain.md "Escalation reaches someone"): along the configured chain of roles
/// (<see cref="InterventionEscalationOptions.Chain"/>, default field supervisor → regional manager → HQ), addressed as the
/// alert's assignee names people (<c>supervisor:{region}</c>, <c>regional-manager:{region}</c>, <c>hq</c>). An assignee not in
/// the chain (a rep, a store manager) goes to the chain's first role; a role that needs a region is skipped when the alert
/// names none; past the last role the assignee stays (HQ keeps it, escalated). Pure.
/// </summary>
public static class EscalationChain
{
    /// <summary>The chain's role of an assignee, or null when the assignee is not one of the chain's roles.</summary>
    public static string? RoleOf(string assignee)
    {
        ArgumentNullException.ThrowIfNull(assignee);
        return assignee == AlertNames.Hq ? ChainRoles.Hq
            : assignee.StartsWith(AlertNames.SupervisorPrefix, StringComparison.Ordinal) ? ChainRoles.FieldSupervisor
            : assignee.StartsWith(AlertNames.RegionalManagerPrefix, StringComparison.Ordinal) ? ChainRoles.RegionalManager
            : null;
    }

    /// <summary>The assignee the alert goes to after <paramref name="assignee"/>; the same assignee at the top of the chain.</summary>
    public static string Next(string assignee, string? regionId, IReadOnlyList<string> chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var from = RoleOf(assignee) is { } role ? IndexOf(chain, role) : -1;
        for (var i = from + 1; i < chain.Count; i++)
        {
            if (Address(chain[i], regionId) is { } next && next != assignee)
            {
                return next;
            }
        }

        return assignee;
    }

    /// <summary>How an alert names the holder of <paramref name="role"/> for a region; null when the role needs a region and there is none.</summary>
    public static string? Address(string role, string? regionId) => role switch
    {
        ChainRoles.Hq => AlertNames.Hq,
        ChainRoles.FieldSupervisor when regionId is { Length: > 0 } => AlertNames.SupervisorPrefix + regionId,
        ChainRoles.RegionalManager when regionId is { Length: > 0 } => AlertNames.RegionalManagerPrefix + regionId,
        _ => null,
    };

    /// <summary>
    /// Whether a viewer sees an alert as escalated away from them: it was escalated, its assignee is a role of the chain the
    /// viewer does not hold, and the viewer holds an earlier role of the chain (the supervisor it went past).
    /// </summary>
    public static bool EscalatedAway(IReadOnlySet<string> viewerRoles, string assignee, InterventionStatus status, IReadOnlyList<string> chain)
    {
        ArgumentNullException.ThrowIfNull(viewerRoles);
        if (status != InterventionStatus.Escalated || RoleOf(assignee) is not { } role || viewerRoles.Contains(role))
        {
            return false;
        }

        var at = IndexOf(chain, role);
        return chain.Take(Math.Max(at, 0)).Any(viewerRoles.Contains);
    }

    /// <summary>When the alert's SLA clock started: its last escalation, or when it was raised.</summary>
    public static DateTimeOffset SlaFrom(DateTimeOffset raisedAt, IEnumerable<(InterventionStatus To, DateTimeOffset At)> steps) =>
        steps.Where(s => s.To == InterventionStatus.Escalated).Select(s => s.At).DefaultIfEmpty(raisedAt).Max();

    private static int IndexOf(IReadOnlyList<string> chain, string role)
    {
        for (var i = 0; i < chain.Count; i++)
        {
            if (string.Equals(chain[i], role, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>The escalation chain (section <c>Interventions:Escalation</c>).</summary>
public sealed class InterventionEscalationOptions
{
    public const string SectionName = "Interventions:Escalation";

    /// <summary>The default chain: the region's field supervisor, its regional manager, HQ (the roles of <see cref="ChainRoles"/> that lead regions and the chain).</summary>
    public static readonly IReadOnlyList<string> DefaultChain = [ChainRoles.FieldSupervisor, ChainRoles.RegionalManager, ChainRoles.Hq];

    /// <summary>
    /// The roles an alert past its SLA goes through, in order, as configured; empty (not configured) means
    /// <see cref="DefaultChain"/>. Not pre-filled: the configuration binder appends a configured list to a pre-filled one.
    /// </summary>
    public List<string> Chain { get; set; } = [];

    /// <summary>The chain in force.</summary>
    public IReadOnlyList<string> Roles => Chain.Count == 0 ? DefaultChain : Chain;

    /// <summary>Describes the first invalid setting, or null.</summary>
    public string? Validate()
    {
        if (Chain.FirstOrDefault(r => r is not (ChainRoles.FieldSupervisor or ChainRoles.RegionalManager or ChainRoles.Hq)) is { } unknown)
        {
            return $"{SectionName}:{nameof(Chain)}: '{unknown}' is not a role an alert can go to ({ChainRoles.FieldSupervisor}, {ChainRoles.RegionalManager}, {ChainRoles.Hq}).";
        }

        return Chain.Distinct(StringComparer.Ordinal).Count() == Chain.Count ? null : $"{SectionName}:{nameof(Chain)} names a role twice.";
    }
}
