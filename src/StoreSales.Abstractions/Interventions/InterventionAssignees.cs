using StoreSales.Domain.Alerts;

namespace StoreSales.Abstractions.Interventions;

/// <summary>
/// Who an alert is for, as stored with it: <c>hq</c>, or a region's field supervisor (<c>supervisor:{regionId}</c>).
/// The rules write it and the inbox reads it back through this one format.
/// </summary>
public static class InterventionAssignees
{
    public const string Hq = AlertNames.Hq;

    private const string SupervisorPrefix = AlertNames.SupervisorPrefix;

    public static string FieldSupervisorOf(string regionId) => SupervisorPrefix + regionId;

    /// <summary>The region whose field supervisor an assignee names, or null when it names someone else.</summary>
    public static string? FieldSupervisorRegion(string assignee) =>
        assignee.StartsWith(SupervisorPrefix, StringComparison.Ordinal) && assignee.Length > SupervisorPrefix.Length
            ? assignee[SupervisorPrefix.Length..]
            : null;
}
