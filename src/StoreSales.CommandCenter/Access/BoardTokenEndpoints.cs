using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Chain;
using StoreSales.Data;
using StoreSales.Data.Access;

namespace StoreSales.CommandCenter.Access;

/// <summary>
/// A store's TV boards: issuing, listing and revoking its board tokens (for whoever runs the store), and the link a
/// TV opens to sign in with one.
/// </summary>
public static class BoardTokenEndpoints
{
    public sealed record BoardTokenRequest(string? Label);

    public sealed record IssuedBoardToken(string StoreId, string TokenId, string Token, string SignInPath);

    /// <summary>A token as listed: its id, never its secret.</summary>
    public sealed record BoardTokenView(string TokenId, string Label, string IssuedBy, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt);

    public static string SignInPath(string token) => $"/board/sign-in?token={Uri.EscapeDataString(token)}";

    public static IEndpointRouteBuilder MapBoardTokenEndpoints(this IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup("/api/stores/{storeId}/board-tokens").WithTags("Access").RequireAuthorization();

        tokens.MapPost("", async Task<IResult> (string storeId, BoardTokenRequest request, ClaimsPrincipal user, ChainAccess access, BoardTokens boards, CancellationToken ct) =>
            {
                if (await Refusal(storeId, user, access, ct) is { } refused)
                {
                    return refused;
                }

                var issued = await boards.Issue(storeId, request.Label ?? "board", user.Identity!.Name!, ct);
                var path = SignInPath(issued.Token);
                return Results.Created(path, new IssuedBoardToken(storeId, issued.TokenId, issued.Token, path));
            })
            .WithName("IssueBoardToken")
            .WithSummary("Issues a read-only board token for a store's TV; the token is shown only in this answer");

        tokens.MapGet("", async Task<IResult> (string storeId, ClaimsPrincipal user, ChainAccess access, BoardTokens boards, CancellationToken ct) =>
                await Refusal(storeId, user, access, ct) ?? Results.Ok((await boards.List(storeId, ct)).Select(View)))
            .WithName("ListBoardTokens")
            .WithSummary("Lists a store's board tokens (active and revoked) by id, label and who issued them; never the secret");

        tokens.MapDelete("/{tokenId}", async Task<IResult> (string storeId, string tokenId, ClaimsPrincipal user, ChainAccess access, BoardTokens boards, CancellationToken ct) =>
                await Refusal(storeId, user, access, ct)
                ?? (await boards.Revoke(storeId, tokenId, ct)
                    ? Results.NoContent()
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown board token", detail: $"Store '{storeId}' has no board token '{tokenId}'.")))
            .WithName("RevokeBoardToken")
            .WithSummary("Revokes one of a store's board tokens; TVs signed in with it stop within Access:BoardTokenRecheck");

        app.MapGet("/board/sign-in", async Task<IResult> (string? token, HttpContext context, BoardTokens boards, IOptions<AccessOptions> options, TimeProvider clock) =>
            {
                var grant = string.IsNullOrEmpty(token) ? null : await boards.Find(token, context.RequestAborted);
                if (grant is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Board token not valid", detail: "The board token is unknown or was revoked; ask the store manager for a new one.");
                }

                var now = clock.GetUtcNow();
                var properties = new AuthenticationProperties { IsPersistent = true, ExpiresUtc = now + options.Value.BoardSessionLifetime };
                BoardCookieRecheck.MarkChecked(properties, now);
                await context.SignInAsync(AccessSetup.BoardCookieScheme, BoardTokenAuthentication.BoardPrincipal(grant, AccessSetup.BoardCookieScheme), properties);
                return Results.Redirect($"/stores/{Uri.EscapeDataString(grant.StoreId)}/kiosk");
            })
            .ExcludeFromDescription();

        return app;
    }

    /// <summary>Null when the viewer may manage the store's board tokens, else the ProblemDetails answer saying why not.</summary>
    private static async Task<IResult?> Refusal(string storeId, ClaimsPrincipal user, ChainAccess access, CancellationToken ct)
    {
        var store = await access.Store(user, storeId, ct);
        return store.IsUnknown ? store.Denied("store", storeId)
            : !CanManage(user, store.Value) ? Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: $"Only the manager of store '{storeId}', its regional manager or an administrator manages its board tokens.")
            : null;
    }

    /// <summary>The rule for pages and endpoints alike: <see cref="Domain.Access.ViewerScope.CanIssueBoardToken"/>.</summary>
    public static bool CanManage(ClaimsPrincipal user, StoreProfile? store) =>
        store is not null && user.ToViewerScope().CanIssueBoardToken(store.StoreId, store.RegionId);

    private static BoardTokenView View(BoardTokenEntry entry) => new(
        entry.TokenId, entry.Label, entry.CreatedBy, LedgerTime.Utc(entry.CreatedAt), entry.RevokedAt is { } revoked ? LedgerTime.Utc(revoked) : null);
}
