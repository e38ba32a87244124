using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.Abstractions.Reps;

/// <summary>Reads a rep's departure and its customers' hand-overs, for the departure grain's overdue check.</summary>
public interface IDepartureReader
{
    /// <summary>The rep's departure with every hand-over it opened, or null when the rep has no departure.</summary>
    Task<DepartureWatch?> Read(string repId, CancellationToken cancellationToken);
}

/// <summary>A departure as its overdue check sees it: whose, where (the region's supervisor is alerted), and its hand-overs.</summary>
public sealed record DepartureWatch(long DepartureId, string RepName, string StoreId, string RegionId, DateTimeOffset StartedAt, IReadOnlyList<CustomerHandOver> HandOvers);
