namespace StoreSales.Domain.SalesForce.Customers;

/// <summary>What the dormancy rule looks at for one customer.</summary>
/// <param name="Kind">Member or account: decides whether a purchase counts.</param>
/// <param name="ClockStart">
/// When the customer was created or last given to an owner: a customer nobody has contacted yet is idle from
/// here. A claim from the pool restarts it; a release to the pool does not.
/// </param>
/// <param name="LastInteractionAt">The last interaction of a kind in <see cref="DormancyOptions.ActivityKinds"/>, or null.</param>
/// <param name="LastPurchaseAt">The last purchase (till sale or order), or null.</param>
public sealed record CustomerActivity(CustomerKind Kind, DateTimeOffset ClockStart, DateTimeOffset? LastInteractionAt, DateTimeOffset? LastPurchaseAt);
