using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using StoreSales.Domain.Access;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests.Authorization;

/// <summary>
/// Everyone the authorization matrix asks about, signed in the real way: one demo account per role the app knows
/// (<see cref="ChainRoles.People"/>, through <c>/api/account/sign-in</c>), a store's TV with a board token issued through
/// the API, and nobody. The column order is the matrix file's.
/// </summary>
public static class MatrixPrincipals
{
    public const string Anonymous = "anonymous";
    public const string Board = "board";

    /// <summary>The demo account of each role the sign-in database knows.</summary>
    public static readonly IReadOnlyDictionary<string, string> AccountOfRole = new Dictionary<string, string>
    {
        [ChainRoles.Hq] = DemoLogins.Hq,
        [ChainRoles.RegionalManager] = DemoLogins.EastManager,
        [ChainRoles.FieldSupervisor] = DemoLogins.EastSupervisor,
        [ChainRoles.StoreManager] = DemoLogins.Sh001Manager,
        [ChainRoles.SalesRep] = DemoLogins.Sh001Rep,
        [ChainRoles.SalesManager] = DemoLogins.EastSales,
        [ChainRoles.SalesDirector] = DemoLogins.EastDirector,
        [ChainRoles.Legal] = DemoLogins.Legal,
        [ChainRoles.Finance] = DemoLogins.Finance,
        [ChainRoles.Admin] = DemoLogins.Admin,
    };

    /// <summary>The command center's columns: nobody, the board, then the roles in <see cref="ChainRoles.People"/> order.</summary>
    public static IReadOnlyList<string> CommandCenterColumns => [Anonymous, Board, .. ChainRoles.People];

    /// <summary>Clients for every column, each with its own cookies (the board with its bearer token).</summary>
    public static async Task<IReadOnlyDictionary<string, HttpClient>> SignInAll(CommandCenterUnderTest commandCenter, CancellationToken cancellationToken)
    {
        var clients = new Dictionary<string, HttpClient> { [Anonymous] = commandCenter.CreateClient() };
        foreach (var role in ChainRoles.People)
        {
            clients[role] = await commandCenter.CreateSignedInClient(AccountOfRole[role]);
        }

        var board = commandCenter.CreateClient();
        board.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await IssueBoardToken(commandCenter, cancellationToken));
        clients[Board] = board;
        return clients;
    }

    /// <summary>A board token of store sh001, issued by its manager as a person would.</summary>
    public static async Task<string> IssueBoardToken(CommandCenterUnderTest commandCenter, CancellationToken cancellationToken)
    {
        using var manager = await commandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        using var issued = await manager.PostAsJsonAsync("/api/stores/store-sh001/board-tokens", new { label = "matrix TV" }, cancellationToken);
        issued.EnsureSuccessStatusCode();
        return (await issued.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("token").GetString()!;
    }
}
