using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using StoreSales.CommandCenter.Access;
using StoreSales.Data.Demo;
using StoreSales.Domain.Access;
using StoreSales.Testing;

namespace StoreSales.Browser.Tests.Infrastructure;

/// <summary>
/// A store whose local time is around noon whenever the test runs (a fixed-offset zone is chosen for it), open all
/// day: its expected sales by now are half the day's target, so a small sale puts it far behind pace, red, and the
/// rules raise an alert. (The demo stores' own time zone would make the result depend on the hour CI runs.) It has
/// a region of its own with its own field supervisor, so the demo chain the other tests count stays as it is.
/// </summary>
public static class MiddayStore
{
    public sealed record Opened(string StoreId, string Key, string Name, string RegionId, DemoLogin Supervisor);

    public static async Task<Opened> Open(BrowserFixture fixture, string suffix)
    {
        var offset = 12 - DateTime.UtcNow.Hour; // -11 … +12
        var zone = offset switch
        {
            0 => "Etc/GMT",
            > 0 => $"Etc/GMT-{offset.ToString(CultureInfo.InvariantCulture)}", // POSIX sign: GMT-8 is eight hours ahead
            _ => $"Etc/GMT+{(-offset).ToString(CultureInfo.InvariantCulture)}",
        };
        var regionId = $"region-noon-{suffix}";
        var opened = new Opened($"store-noon-{suffix}", $"test-key-noon-{suffix}", $"Noon Test Store {suffix}", regionId,
            new DemoLogin($"noon.supervisor.{suffix}", DemoLogins.Password, ChainRoles.FieldSupervisor));
        var chain = new DemoChain(
            "Demo Chain",
            [new DemoRegion(regionId, $"Noon Region {suffix}")],
            [new DemoStore(opened.StoreId, opened.Name, regionId, 31.0, 121.0, zone, "00:00", "23:59", 3_000_000m, opened.Key, ["T01"])]);
        await new DemoChainSeeder(fixture.Database.DataSource)
            .Seed(chain, RepositoryPaths.DemoItems, DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);

        await using var scope = fixture.CommandCenter.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var supervisor = new IdentityUser(opened.Supervisor.UserName);
        Check(await users.CreateAsync(supervisor, opened.Supervisor.Password));
        Check(await users.AddToRoleAsync(supervisor, ChainRoles.FieldSupervisor));
        Check(await users.AddClaimAsync(supervisor, new Claim(ScopeClaims.Region, regionId)));
        return opened;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
