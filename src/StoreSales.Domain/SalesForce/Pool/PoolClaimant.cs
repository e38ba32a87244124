namespace StoreSales.Domain.SalesForce.Pool;

/// <summary>A rep claiming from the pool.</summary>
/// <param name="RepId">The rep.</param>
/// <param name="Department">The rep's department.</param>
/// <param name="RecentClaims">When the rep's recent claims were made (at least today's); the rule counts today's.</param>
public sealed record PoolClaimant(string RepId, string Department, IReadOnlyCollection<DateTimeOffset> RecentClaims);
