namespace StoreSales.Abstractions.Reps;

/// <summary>A sale credited to a rep, as the rep grain needs it: its identity (store, terminal, sequence), when, how much.</summary>
[GenerateSerializer, Immutable]
public sealed record RepSale(
    [property: Id(0)] string StoreId,
    [property: Id(1)] string TerminalId,
    [property: Id(2)] long Sequence,
    [property: Id(3)] DateTimeOffset RungUpAt,
    [property: Id(4)] decimal Total);
