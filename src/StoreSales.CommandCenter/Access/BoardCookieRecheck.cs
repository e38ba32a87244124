using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using StoreSales.Data.Access;

namespace StoreSales.CommandCenter.Access;

/// <summary>
/// A TV stays signed in for weeks on its cookie; revoking its board token must still end that. The cookie names
/// the token, and at most every <see cref="AccessOptions.BoardTokenRecheck"/> the token is looked up again: when it
/// was revoked (or the cookie predates token ids and cannot be checked), the cookie is rejected and removed.
/// </summary>
public static class BoardCookieRecheck
{
    // Kept in the cookie's properties (protected with it), so every command-center node honours the last check.
    private const string CheckedAtItem = "storesales.board-checked";

    public static async Task Validate(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var clock = services.GetRequiredService<TimeProvider>();
        var recheck = services.GetRequiredService<IOptions<AccessOptions>>().Value.BoardTokenRecheck;
        var now = clock.GetUtcNow();
        if (context.Principal is not { } principal || BoardTokenAuthentication.GrantOf(principal) is not { } grant)
        {
            await Reject(context);
            return;
        }

        if (CheckedAt(context.Properties) is { } checkedAt && now - checkedAt < recheck)
        {
            return;
        }

        if (!await services.GetRequiredService<BoardTokens>().IsActive(grant.StoreId, grant.TokenId, context.HttpContext.RequestAborted))
        {
            await Reject(context);
            return;
        }

        MarkChecked(context.Properties, now);
        context.ShouldRenew = true;
    }

    /// <summary>Notes when the token was last found active (at sign-in, and at every recheck).</summary>
    public static void MarkChecked(AuthenticationProperties properties, DateTimeOffset at) =>
        properties.Items[CheckedAtItem] = at.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? CheckedAt(AuthenticationProperties properties) =>
        properties.Items.TryGetValue(CheckedAtItem, out var value)
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : null;

    private static async Task Reject(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(AccessSetup.BoardCookieScheme);
    }
}
