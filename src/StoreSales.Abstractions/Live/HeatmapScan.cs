namespace StoreSales.Abstractions.Live;

/// <summary>
/// An item scan that moved a store's hot items (a terminal counted by its scans, <c>HotItems:ScanSourcedTerminals</c>),
/// pushed to the command-center hosts so that HQ heatmap cells move at the scan instead of at their next read. The
/// scan's identity is (store, terminal, sequence): a host or page that hears it twice counts it once.
/// <see cref="Units"/> is 1 for a counted item, the weight in kg for a weighed one (<c>HotItemSource.UnitsOf</c>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record HeatmapScan(
    [property: Id(0)] string StoreId,
    [property: Id(1)] string RegionId,
    [property: Id(2)] string TerminalId,
    [property: Id(3)] long Sequence,
    [property: Id(4)] string ItemCode,
    [property: Id(5)] decimal Units,
    [property: Id(6)] DateTimeOffset ScannedAt);
