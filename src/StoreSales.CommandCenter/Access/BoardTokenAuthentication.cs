using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using StoreSales.Data.Access;
using StoreSales.Domain.Access;

namespace StoreSales.CommandCenter.Access;

/// <summary>
/// Lets a store's TV board (or any hub client without a person behind it) use a board token directly:
/// <c>Authorization: Bearer ssb_…</c>, or <c>?access_token=ssb_…</c> where browsers cannot set headers
/// (WebSockets, server-sent events).
/// </summary>
public sealed class BoardTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    BoardTokens tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "BoardToken";
    public const string TokenPrefix = "ssb_";

    public static string? TokenOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer " + TokenPrefix, StringComparison.Ordinal))
        {
            return header["Bearer ".Length..].Trim();
        }

        var query = request.Query["access_token"].ToString();
        return query.StartsWith(TokenPrefix, StringComparison.Ordinal) ? query : null;
    }

    /// <summary>The identity of a board: read-only, one store.</summary>
    public static ClaimsPrincipal BoardPrincipal(string storeId, string authenticationType) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, $"board:{storeId}"),
                new Claim(ClaimTypes.Role, ChainRoles.Board),
                new Claim(ScopeClaims.Store, storeId),
            ],
            authenticationType));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (TokenOf(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        var storeId = await tokens.FindStore(token, Context.RequestAborted);
        return storeId is null
            ? AuthenticateResult.Fail("The board token is unknown or revoked.")
            : AuthenticateResult.Success(new AuthenticationTicket(BoardPrincipal(storeId, SchemeName), SchemeName));
    }
}
