namespace StoreSales.Domain.SalesForce.Pool;

/// <summary>A customer as the claim rule sees it.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Department">The department the customer belongs to; only its reps may claim it.</param>
/// <param name="InPool">Whether the customer is in the public pool now (owned customers cannot be claimed).</param>
/// <param name="ReleasedFromRepId">The rep who owned it when it was released to the pool, if any.</param>
/// <param name="ReleasedAt">When it was released.</param>
public sealed record PoolEntry(string CustomerId, string Department, bool InPool, string? ReleasedFromRepId, DateTimeOffset? ReleasedAt);
