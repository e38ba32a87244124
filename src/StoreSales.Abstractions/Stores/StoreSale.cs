using System.Collections.Immutable;

namespace StoreSales.Abstractions.Stores;

/// <summary>A sale as the store grain needs it: its identity, when, how much, and what.</summary>
[GenerateSerializer, Immutable]
public sealed record StoreSale(
    [property: Id(0)] string TerminalId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] DateTimeOffset RungUpAt,
    [property: Id(3)] decimal Total,
    [property: Id(4)] ImmutableArray<StoreSaleLine> Lines);

[GenerateSerializer, Immutable]
public sealed record StoreSaleLine(
    [property: Id(0)] string ItemCode,
    [property: Id(1)] decimal Quantity,
    [property: Id(2)] decimal Amount);

/// <summary>What <see cref="IStoreGrain.ApplySales"/> did: newly counted, and already counted before (retries).</summary>
[GenerateSerializer, Immutable]
public sealed record SalesApplied(
    [property: Id(0)] int Applied,
    [property: Id(1)] int AlreadyApplied);
