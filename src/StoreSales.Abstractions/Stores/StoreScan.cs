namespace StoreSales.Abstractions.Stores;

/// <summary>A scan as the store grain needs it for its hot items: which terminal, when, which item and how much.</summary>
[GenerateSerializer, Immutable]
public sealed record StoreScan(
    [property: Id(0)] string TerminalId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] DateTimeOffset ScannedAt,
    [property: Id(3)] string Code,
    [property: Id(4)] bool NamesItem,
    [property: Id(5)] decimal? WeightKg);
