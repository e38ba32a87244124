using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using StoreSales.Testing;
using StoreSales.Testing.CompanyIdentity;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// A demo chain whose command center also offers sign-in with the chain's own provider: a real OpenID Connect
/// provider (<see cref="CompanyIdentityProvider"/>) with a directory of staff, plain HTTP on 127.0.0.1.
/// </summary>
public sealed class CompanySignInFixture : IAsyncLifetime
{
    public const string Password = "Company-Directory-2026";

    public static readonly CompanyStaffMember StoreManager =
        new("li.na", Password, ["store-manager", "board", "cashier"], [], ["store-sh001"]);

    public static readonly CompanyStaffMember RegionalManager =
        new("wang.wei", Password, ["regional-manager"], ["region-east"], []);

    public static readonly CompanyStaffMember NoStoreSalesRole =
        new("zhao.lei", Password, ["cashier"], [], ["store-sh001"]);

    public TestDatabase Database { get; private set; } = null!;

    public SiloUnderTest Silo { get; private set; } = null!;

    public CompanyIdentityProvider Provider { get; private set; } = null!;

    public CommandCenterUnderTest CommandCenter { get; private set; } = null!;

    public string ClusterId { get; } = "company-" + Guid.NewGuid().ToString("N")[..8];

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.Create("company");
        Silo = await SiloUnderTest.Start(Database, ClusterId);
        Provider = await CompanyIdentityProvider.Start([StoreManager, RegionalManager, NoStoreSalesRole]);
        CommandCenter = await CommandCenterUnderTest.Start(
            Database,
            ClusterId,
            Provider.CommandCenterSettings,
            // Identity re-checks its users' sign-ins on every request here: a provider's staff member, who has no
            // Identity account, would be signed out at once if their sign-in were kept in Identity's cookie.
            services => services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero));
        await Provider.RegisterCommandCenter(CommandCenter.BaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        // In reverse order of start; null when start-up failed half way: dispose what did start.
        IAsyncDisposable?[] started = [CommandCenter, Provider, Silo, Database];
        foreach (var part in started)
        {
            if (part is not null)
            {
                await part.DisposeAsync();
            }
        }
    }
}
