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
    private const string ClientId = "storesales-command-center";

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
        var clientSecret = Guid.NewGuid().ToString("N");
        CommandCenter = await CommandCenterUnderTest.Start(
            Database,
            ClusterId,
            new Dictionary<string, string?>
            {
                ["Access:OpenIdConnect:Authority"] = Provider.Authority.ToString(),
                ["Access:OpenIdConnect:ClientId"] = ClientId,
                ["Access:OpenIdConnect:ClientSecret"] = clientSecret,
                ["Access:OpenIdConnect:RequireHttpsMetadata"] = "false",
                ["Access:OpenIdConnect:RoleClaim"] = CompanyIdentityProvider.RoleClaim,
                ["Access:OpenIdConnect:RegionClaim"] = CompanyIdentityProvider.RegionClaim,
                ["Access:OpenIdConnect:StoreClaim"] = CompanyIdentityProvider.StoreClaim,
            },
            // Identity re-checks its users' sign-ins on every request here: a provider's staff member, who has no
            // Identity account, would be signed out at once if their sign-in were kept in Identity's cookie.
            services => services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero));
        await Provider.RegisterCommandCenter(CommandCenter.BaseAddress, ClientId, clientSecret);
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
