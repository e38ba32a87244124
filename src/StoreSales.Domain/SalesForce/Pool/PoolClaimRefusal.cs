namespace StoreSales.Domain.SalesForce.Pool;

/// <summary>The rule a refused pool claim broke.</summary>
public enum PoolClaimRefusal
{
    /// <summary>The customer is not in the public pool (owned, or already claimed by someone else).</summary>
    NotInPool,

    /// <summary>The rep is not in the customer's department.</summary>
    OtherDepartment,

    /// <summary>The rep let this customer go to the pool too recently (<c>SalesForce:Pool:FormerOwnerBarredDays</c>).</summary>
    FormerOwnerBarred,

    /// <summary>The rep has claimed as many as allowed today (<c>SalesForce:Pool:DailyClaimCap</c>).</summary>
    DailyCapReached,
}
