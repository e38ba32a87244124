using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using StoreSales.Abstractions.Chain;
using StoreSales.Data.Access;
using StoreSales.Domain.Access;

namespace StoreSales.CommandCenter.Access;

/// <summary>
/// With <c>Demo:SeedStaff</c> on, gives the demo chain one account per role (scoped to <c>Demo:StaffStore</c> and
/// its region) and a board token for the first store, and prints how to sign in. Idempotent: existing accounts
/// are left as they are.
/// </summary>
public sealed partial class DemoStaff(IServiceProvider services, IConfiguration configuration, ILogger<DemoStaff> logger) : IHostedService
{
    public const string DefaultPassword = "Demo-StoreSales-2026";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Demo:SeedStaff", false))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<IChainDirectory>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var password = configuration["Demo:StaffPassword"] ?? DefaultPassword;

        // The store the store-level accounts run (Demo:StaffStore, else the first by id); its region is the region's.
        var stores = await directory.ListStores(null, cancellationToken);
        var store = configuration["Demo:StaffStore"] is { Length: > 0 } chosen
            ? stores.FirstOrDefault(s => s.StoreId == chosen) ?? throw new InvalidOperationException($"Configuration key 'Demo:StaffStore': there is no store '{chosen}'.")
            : stores.OrderBy(s => s.StoreId, StringComparer.Ordinal).First();
        var region = await directory.FindRegion(store.RegionId, cancellationToken)
            ?? throw new InvalidOperationException($"Store '{store.StoreId}' names region '{store.RegionId}', which does not exist.");
        foreach (var role in ChainRoles.People)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), role);
            }
        }

        var storeShort = store.StoreId.Replace("store-", "", StringComparison.Ordinal);
        var regionShort = region.RegionId.Replace("region-", "", StringComparison.Ordinal);

        // The demo rep's sales team (master data): the rep works in it, the demo sales manager leads it.
        var demoRep = await directory.FindRep(DemoRepId(storeShort), cancellationToken);
        Claim[] team = demoRep is null ? [] : [new Claim(ScopeClaims.Department, demoRep.DepartmentId)];
        (string User, string Role, Claim[] Scope)[] accounts =
        [
            ("hq", ChainRoles.Hq, []),
            ($"{regionShort}.manager", ChainRoles.RegionalManager, [new Claim(ScopeClaims.Region, region.RegionId)]),
            ($"{regionShort}.supervisor", ChainRoles.FieldSupervisor, [new Claim(ScopeClaims.Region, region.RegionId)]),
            ($"{storeShort}.manager", ChainRoles.StoreManager, [new Claim(ScopeClaims.Store, store.StoreId)]),
            // The demo rep sells in the store's own team and owns the customers created under DemoRepId.
            ($"{storeShort}.rep", ChainRoles.SalesRep, [new Claim(ScopeClaims.Store, store.StoreId), new Claim(ScopeClaims.Rep, DemoRepId(storeShort)), .. team]),
            ($"{regionShort}.sales", ChainRoles.SalesManager, team),
            // Approvers of the sales force: the region's sales director (its teams' contracts and middle-tier quotes), and
            // legal and finance, who decide top-tier quotes chain-wide; finance also releases orders held for credit.
            ($"{regionShort}.director", ChainRoles.SalesDirector, [new Claim(ScopeClaims.Region, region.RegionId), .. team]),
            ("legal", ChainRoles.Legal, []),
            ("finance", ChainRoles.Finance, []),
            // The administrator may export customers with their contact details (a right of its own, audited).
            ("admin", ChainRoles.Admin, [new Claim(ScopeClaims.Right, ChainRights.ExportContacts)]),
        ];
        foreach (var (userName, role, scopeClaims) in accounts)
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }

            var user = new IdentityUser(userName);
            Check(await users.CreateAsync(user, password), userName);
            Check(await users.AddToRoleAsync(user, role), userName);
            if (scopeClaims.Length > 0)
            {
                Check(await users.AddClaimsAsync(user, scopeClaims), userName);
            }
        }

        var (_, token) = await scope.ServiceProvider.GetRequiredService<BoardTokens>()
            .Issue(store.StoreId, "demo TV", "demo", cancellationToken);
        LogDemoSignIns(string.Join(", ", accounts.Select(a => $"{a.User} ({a.Role})")), password, store.StoreId, token);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The rep id of a store's demo rep (<c>rep-sh001-01</c>): the first rep of the store.</summary>
    public static string DemoRepId(string storeShort) => $"rep-{storeShort}-01";

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo staff '{what}' could not be created: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo sign-ins: {Accounts}; password '{Password}'. Board of {StoreId} for a TV: /board/sign-in?token={Token}")]
    private partial void LogDemoSignIns(string accounts, string password, string storeId, string token);
}
