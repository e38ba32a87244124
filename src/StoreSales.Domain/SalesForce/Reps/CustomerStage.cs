namespace StoreSales.Domain.SalesForce.Reps;

/// <summary>
/// Where a customer stands with its rep, as a hand-over snapshots it (docs/domain.md "Offboarding hand-over"): what the
/// successor must pick up first.
/// </summary>
public enum CustomerStage
{
    /// <summary>Given as a lead and not contacted yet: the golden 48 hours may be running.</summary>
    OpenLead,

    /// <summary>A next action past its due date, or 30 days or more without activity: someone must call.</summary>
    FollowUpDue,

    /// <summary>In regular contact, nothing overdue.</summary>
    Active,

    /// <summary>180 days or more without activity.</summary>
    Dormant,
}
