namespace StoreSales.Domain.SalesForce.Customers;

/// <summary>A customer's dormancy at one moment.</summary>
/// <param name="State">The rung of the ladder.</param>
/// <param name="IdleDays">Calendar days (chain time zone) from the last activity's date to today.</param>
/// <param name="LastActivityAt">The activity the days count from.</param>
/// <param name="NextChangeAt">When the next rung begins (local midnight); null once dormant. The grain's reminder fires then.</param>
public sealed record CustomerDormancy(DormancyState State, int IdleDays, DateTimeOffset LastActivityAt, DateTimeOffset? NextChangeAt);
