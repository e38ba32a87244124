using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;
using StoreSales.Data.Access;
using StoreSales.Domain.Access;

namespace StoreSales.CommandCenter.Access;

/// <summary>
/// A kiosk page holds one Blazor circuit open for days and makes no further HTTP requests, so the board cookie's
/// recheck (<see cref="BoardCookieRecheck"/>) alone would never see a revoked token. The circuit asks the same
/// question every <see cref="AccessOptions.BoardTokenRecheck"/>; when the token was revoked the page loses its
/// sign-in, is sent to the sign-in page by a full load, and that request drops the cookie.
/// </summary>
public sealed class BoardCircuitRevalidation(ILoggerFactory loggerFactory, BoardTokens tokens, IOptions<AccessOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.BoardTokenRecheck;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        // Staff circuits are governed by their own cookie and Identity; only boards are asked here.
        !authenticationState.User.IsInRole(ChainRoles.Board)
        || (BoardTokenAuthentication.GrantOf(authenticationState.User) is { } grant && await tokens.IsActive(grant.StoreId, grant.TokenId, cancellationToken));
}
