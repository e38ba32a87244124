using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Chain;
using StoreSales.Data.Access;
using StoreSales.Data.Demo;
using StoreSales.Domain.Access;

namespace StoreSales.CommandCenter.Access;

/// <summary>
/// With <c>Demo:SeedStaff</c> on, gives the demo chain one account per role (scoped to <c>Demo:StaffStore</c> and
/// its region) and a board token for the first store. Idempotent: existing accounts are left as they are. The log names
/// the accounts but never their password or the token (no secret in any log, docs/design.md "Secrets"): the board's
/// sign-in link goes to the file <c>Demo:BoardLinkFile</c> (mode 600), where <c>deploy/local/up.sh</c> reads it.
/// </summary>
public sealed partial class DemoStaff(IServiceProvider services, IOptions<DemoOptions> options, ILogger<DemoStaff> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;
        if (!demo.SeedStaff)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<IChainDirectory>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var password = demo.StaffPassword;

        // The store the store-level accounts run (Demo:StaffStore, else the first by id); its region is the region's.
        var stores = await directory.ListStores(null, cancellationToken);
        var store = demo.StaffStore is { Length: > 0 } chosen
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
        var linkFile = demo.BoardLinkFile;
        if (linkFile is { Length: > 0 })
        {
            await WriteOwnerOnly(linkFile, $"/board/sign-in?token={Uri.EscapeDataString(token)}\n", cancellationToken);
        }

        LogDemoSignIns(string.Join(", ", accounts.Select(a => $"{a.User} ({a.Role})")), store.StoreId, linkFile is { Length: > 0 } ? linkFile : "(Demo:BoardLinkFile not set)");
    }

    /// <summary>The link is a credential: the file is created readable by this user only, before anything is written to it.</summary>
    private static async Task WriteOwnerOnly(string path, string text, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(path, options);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // an existing file keeps its mode otherwise
        }

        await using var writer = new StreamWriter(file);
        await writer.WriteAsync(text.AsMemory(), cancellationToken);
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

    // Names only: the password is in the README (Demo:StaffPassword), the board link in Demo:BoardLinkFile.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo sign-ins: {Accounts} (password: Demo:StaffPassword, see the README). Board link of {StoreId} for a TV: in {BoardLinkFile}")]
    private partial void LogDemoSignIns(string accounts, string storeId, string boardLinkFile);
}
