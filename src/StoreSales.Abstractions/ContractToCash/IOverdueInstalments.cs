namespace StoreSales.Abstractions.ContractToCash;

/// <summary>An instalment overdue enough to alert whose <c>instalment-overdue</c> intervention has not been raised yet.</summary>
[GenerateSerializer]
[Immutable]
public sealed record OverdueInstalment(
    [property: Id(0)] string ContractId,
    [property: Id(1)] int Seq,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] string CustomerName,
    [property: Id(4)] string OwnerRepId,
    [property: Id(5)] string? StoreId,
    [property: Id(6)] string? RegionId,
    [property: Id(7)] DateOnly DueOn,
    [property: Id(8)] decimal Gross,
    [property: Id(9)] decimal Open,
    [property: Id(10)] string Currency);

/// <summary>The instalments the overdue sweep alerts for (PostgreSQL; docs/domain.md "Contract to cash"), each once.</summary>
public interface IOverdueInstalments
{
    /// <summary>Open instalments overdue at <paramref name="now"/> in their customer's time zone, not yet raised, oldest due first.</summary>
    Task<IReadOnlyList<OverdueInstalment>> Unraised(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Keeps that the instalment's intervention was raised, so no later sweep raises it again.</summary>
    Task MarkRaised(string contractId, int seq, DateTimeOffset at, CancellationToken cancellationToken);
}
