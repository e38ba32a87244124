namespace StoreSales.Domain.SalesForce.Reps;

/// <summary>The three measures of a rep's process health (the radar's axes).</summary>
public enum ProcessMetric
{
    /// <summary>Leads with a first response within 24 hours.</summary>
    LeadResponse,

    /// <summary>Follow-up actions done by their due date.</summary>
    FollowUpClosure,

    /// <summary>Customers whose profile is complete.</summary>
    ProfileCompleteness,
}
