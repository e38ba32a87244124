namespace StoreSales.Domain.SalesForce.Customers;

/// <summary>A customer's place on the dormancy ladder (沉睡客户).</summary>
public enum DormancyState
{
    /// <summary>Recent activity: nothing to do.</summary>
    Active,

    /// <summary>From 30 days: the owner is reminded to follow up.</summary>
    FollowUpDue,

    /// <summary>From 45 days: released to the public pool (公海), claimable by reps of the department.</summary>
    ReleasedToPool,

    /// <summary>From 180 days: dormant, routed to the training pool for new reps.</summary>
    Dormant,
}
