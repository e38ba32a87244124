namespace StoreSales.Abstractions.StoreEvents;

/// <summary>
/// The closing events a store recorded (not cancelled) that overlap a span: what the store grain's pacing takes out of
/// its open time. Implemented on PostgreSQL by StoreSales.Data.
/// </summary>
public interface IStoreClosureReader
{
    Task<IReadOnlyList<StoreEventNow>> GetEvents(string storeId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
