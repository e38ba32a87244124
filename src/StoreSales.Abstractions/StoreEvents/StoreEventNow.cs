namespace StoreSales.Abstractions.StoreEvents;

/// <summary>
/// A store event as the store's board shows it: a closure running or coming, a promotion. Times are instants; the board
/// shows them in the store's zone.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StoreEventNow(
    [property: Id(0)] long EventId,
    [property: Id(1)] string Kind,
    [property: Id(2)] DateTimeOffset StartsAt,
    [property: Id(3)] DateTimeOffset EndsAt,
    [property: Id(4)] bool ClosesStore,
    [property: Id(5)] decimal? ExpectedUplift,
    [property: Id(6)] string? Note);
