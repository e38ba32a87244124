namespace StoreSales.Domain.Interventions;

/// <summary>Where an alert stands in the supervisor's workflow (督导介入).</summary>
public enum InterventionStatus
{
    Open = 0,
    Acknowledged = 1,
    InProgress = 2,
    Resolved = 3,
    Escalated = 4,
}

/// <summary>What a person (or the SLA clock) does to an alert.</summary>
public enum InterventionAction
{
    Acknowledge = 0,
    Start = 1,
    Resolve = 2,
    Escalate = 3,
}
