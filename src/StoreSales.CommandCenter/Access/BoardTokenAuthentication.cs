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

    /// <summary>The claim naming the board token a board signed in with, so its revocation can be noticed.</summary>
    public const string TokenIdClaim = "storesales:board-token";

    /// <summary>The identity of a board: read-only, one store, and the token it came with.</summary>
    public static ClaimsPrincipal BoardPrincipal(BoardGrant grant, string authenticationType) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, $"board:{grant.StoreId}"),
                new Claim(ClaimTypes.Role, ChainRoles.Board),
                new Claim(ScopeClaims.Store, grant.StoreId),
                new Claim(TokenIdClaim, grant.TokenId),
            ],
            authenticationType));

    /// <summary>The grant a board principal carries; null for staff, or a board cookie from before token ids.</summary>
    public static BoardGrant? GrantOf(ClaimsPrincipal principal) =>
        principal.FindFirst(TokenIdClaim)?.Value is { } tokenId && principal.FindFirst(ScopeClaims.Store)?.Value is { } storeId
            ? new BoardGrant(tokenId, storeId)
            : null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (TokenOf(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        // Looked up on every request (a hub connection is one request): a revoked token stops at the next connect.
        var grant = await tokens.Find(token, Context.RequestAborted);
        return grant is null
            ? AuthenticateResult.Fail("The board token is unknown or revoked.")
            : AuthenticateResult.Success(new AuthenticationTicket(BoardPrincipal(grant, SchemeName), SchemeName));
    }
}
