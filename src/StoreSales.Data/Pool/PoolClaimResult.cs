using StoreSales.Domain.SalesForce.Pool;

namespace StoreSales.Data.Pool;

/// <summary>What a claim from the pool came to: exactly one of the records below.</summary>
public abstract record PoolClaimResult;

/// <summary>The rep now owns the customer; its pool entry is closed and the rep's claims of the day counted.</summary>
public sealed record PoolClaimed(string CustomerId, string RepId, DateTimeOffset ClaimedAt, int ClaimsToday) : PoolClaimResult;

/// <summary><see cref="PoolClaimRule"/> refused it (its verdict); nothing changed. The customer's team and owner say who may know of it.</summary>
public sealed record PoolClaimRefused(PoolClaimVerdict Verdict, string DepartmentId, string OwnerRepId) : PoolClaimResult;

/// <summary>There is no such customer (or it was merged into another): nothing changed.</summary>
public sealed record PoolCustomerUnknown(string CustomerId) : PoolClaimResult;
