using StoreSales.Domain.Demo;
using StoreSales.Domain.Demo.SalesForce;
using StoreSales.Domain.SalesForce.Customers;

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
    IReadOnlyList<string> Terminals,
    decimal Pace = DemoStoreProfile.DefaultPace,
    IReadOnlyList<DemoRep>? Reps = null)
{
    /// <summary>What the demo history and the simulated tills sell this store by.</summary>
    public DemoStoreProfile Profile() =>
        DemoStoreProfile.Create(Id, TimeZone, Opens, Closes, MonthlyTarget, Pace, [.. (Reps ?? []).Select(r => new DemoRepShare(r.Id, r.Share))]);
}

/// <summary>
/// A demo store's sales rep: credited with <paramref name="Share"/> of the store's sales (history and simulated tills)
/// and given the same share of its monthly target. <paramref name="Serves"/> says which demo customers the rep is given:
/// members (a store's retail team) or accounts (a B2B team, whose reps sell off the till: share 0).
/// </summary>
public sealed record DemoRep(string Id, string Name, string Department, string Level, decimal Share, CustomerKind Serves = CustomerKind.Member)
{
    public DemoRepSeat Seat => new(Id, Department, Serves);
}
