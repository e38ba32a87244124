namespace StoreSales.Abstractions.Stores;

/// <summary>One day of a month's target as a store's pace spreads it (<c>IStoreGrain.SplitByDay</c>).</summary>
[GenerateSerializer, Immutable]
public sealed record DayAmount(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] decimal Amount);
