using System.Globalization;
using StoreSales.Data.Demo;
using StoreSales.Testing;

namespace StoreSales.Browser.Tests.Infrastructure;

/// <summary>
/// A store of region East China whose local time is around noon whenever the test runs (a fixed-offset zone is
/// chosen for it), open all day: its expected sales by now are half the day's target, so a small sale puts it
/// far behind pace, red, and the rules raise an alert. The demo stores' own time zone would make the result depend
/// on the hour CI happens to run.
/// </summary>
public static class MiddayStore
{
    public static async Task<(string StoreId, string Key, string Name)> Open(BrowserFixture fixture, string suffix)
    {
        var utcHour = DateTime.UtcNow.Hour;
        var offset = 12 - utcHour; // -11 … +12
        var zone = offset switch
        {
            0 => "Etc/GMT",
            > 0 => $"Etc/GMT-{offset.ToString(CultureInfo.InvariantCulture)}", // POSIX sign: GMT-8 is eight hours ahead
            _ => $"Etc/GMT+{(-offset).ToString(CultureInfo.InvariantCulture)}",
        };
        var storeId = $"store-noon-{suffix}";
        var key = $"test-key-{storeId}";
        var name = $"Noon Test Store {suffix}";
        var chain = new DemoChain(
            "Demo Chain",
            [new DemoRegion("region-east", "East China")],
            [new DemoStore(storeId, name, "region-east", 31.0, 121.0, zone, "00:00", "23:59", 3_000_000m, key, ["T01"])]);
        await new DemoChainSeeder(fixture.Database.DataSource)
            .Seed(chain, RepositoryPaths.DemoItems, DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);
        return (storeId, key, name);
    }
}
