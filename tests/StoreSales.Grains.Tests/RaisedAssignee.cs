using StoreSales.Abstractions.Interventions;
using StoreSales.Domain.Interventions;

namespace StoreSales.Grains.Tests;

/// <summary>
/// Who an alert was raised for. The shared cluster (<see cref="GrainClusterFixture.SlaAcknowledgeWithin"/>) escalates an alert
/// nobody acknowledges within seconds, and the escalation chain moves it on (InterventionGrain notes "Escalated from X to Y."):
/// a test asking who the rule routed the alert to reads the first escalation's "from", or the assignee when none happened.
/// </summary>
internal static class RaisedAssignee
{
    private const string From = "Escalated from ";

    public static string Of(Intervention alert)
    {
        var note = alert.History.FirstOrDefault(s => s.To == InterventionStatus.Escalated)?.Note;
        var at = note?.IndexOf(From, StringComparison.Ordinal) ?? -1;
        return note is null || at < 0 ? alert.Assignee : note[(at + From.Length)..].Split(" to ", 2)[0];
    }
}
