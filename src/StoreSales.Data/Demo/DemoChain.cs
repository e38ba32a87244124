namespace StoreSales.Data.Demo;

/// <summary>The demo chain's definition file (deploy/local/demo-chain.json).</summary>
public sealed record DemoChain(string Chain, IReadOnlyList<DemoRegion> Regions, IReadOnlyList<DemoStore> Stores);

public sealed record DemoRegion(string Id, string Name);

public sealed record DemoStore(
    string Id,
    string Name,
    string RegionId,
    double Latitude,
    double Longitude,
    string TimeZone,
    string Opens,
    string Closes,
    decimal MonthlyTarget,
    string ApiKey,
    IReadOnlyList<string> Terminals);
