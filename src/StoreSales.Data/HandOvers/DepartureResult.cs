using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.Data.HandOvers;

/// <summary>What starting a departure came to.</summary>
public abstract record DepartureResult;

/// <summary>Started: one hand-over opened per customer the rep owned (none in the pool), all due at <paramref name="DueAt"/>.</summary>
public sealed record DepartureStarted(long DepartureId, string RepId, DateTimeOffset StartedAt, DateTimeOffset DueAt, int HandOvers, bool Gone) : DepartureResult;

/// <summary>Refused by <see cref="DepartureRule"/>; nothing written.</summary>
public sealed record DepartureRefused(DepartureRefusal Refusal) : DepartureResult;

/// <summary>No such rep in master data.</summary>
public sealed record DepartureRepUnknown : DepartureResult;
