using System.Security.Claims;
using Microsoft.Extensions.Options;
using StoreSales.Data;
using StoreSales.Data.Access;
using StoreSales.Domain.Access;

namespace StoreSales.CommandCenter.Access;

/// <summary>
/// The edge agents' store keys, for administrators: issue (the key is in that answer only), list (ids and prefixes),
/// rotate (the old key keeps working for <c>Access:StoreKeyOverlap</c>) and revoke (the silos refuse it within
/// <c>Access:StoreKeyRecheck</c>). The admin page and the <c>store-keys</c> CLI verb do the same through <see cref="StoreKeys"/>.
/// </summary>
public static class StoreKeyEndpoints
{
    /// <summary>A label names the PC or install a key is for ("back office PC"): long enough for that, short enough for the table.</summary>
    public const int LabelMaxLength = 60;

    public sealed record IssueStoreKeyRequest(string? StoreId, string? Label);

    /// <summary>A key as listed: never its secret.</summary>
    public sealed record StoreKeyView(string KeyId, string StoreId, string Prefix, string Label, string? IssuedBy, DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, string? RevokedBy, string? ReplacedBy, bool Active);

    /// <summary>A key just issued or rotated in: <see cref="Key"/> is shown this once. <see cref="Replaces"/>: the rotated key, working until its expiry.</summary>
    public sealed record IssuedStoreKeyView(string Key, StoreKeyView Entry, StoreKeyView? Replaces = null);

    public static IEndpointRouteBuilder MapStoreKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/admin/store-keys").WithTags("Access").RequireAuthorization();

        keys.MapGet("", async Task<IResult> (string? storeId, ClaimsPrincipal user, StoreKeys store, StoreKeyMetrics metrics, TimeProvider clock, CancellationToken ct) =>
            {
                if (Refusal(user, metrics, "list") is { } refused)
                {
                    return refused;
                }

                metrics.Accepted("list");
                var now = clock.GetUtcNow();
                return Results.Ok((await store.List(string.IsNullOrWhiteSpace(storeId) ? null : storeId, ct)).Select(e => View(e, now)));
            })
            .WithName("ListStoreKeys")
            .WithSummary("Lists the store keys (one store's with ?storeId=), active, rotated and revoked, by id and prefix; never a secret")
            .Produces<StoreKeyView[]>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        keys.MapPost("", async Task<IResult> (IssueStoreKeyRequest request, ClaimsPrincipal user, StoreKeys store, StoreKeyMetrics metrics, TimeProvider clock, CancellationToken ct) =>
            {
                if (Refusal(user, metrics, "issue") is { } refused)
                {
                    return refused;
                }

                var errors = new Dictionary<string, string[]>();
                if (string.IsNullOrWhiteSpace(request.StoreId))
                {
                    errors["storeId"] = ["Required: the store whose edge agent will send this key."];
                }

                if (request.Label is { Length: > LabelMaxLength })
                {
                    errors["label"] = [$"At most {LabelMaxLength} characters."];
                }

                if (errors.Count > 0)
                {
                    metrics.Rejected("issue", errors.ContainsKey("label") ? "label-too-long" : "store-required");
                    return Results.ValidationProblem(errors, title: "Invalid store key request");
                }

                var issued = await store.Issue(request.StoreId!, Label(request.Label), user.Identity!.Name!, ct);
                if (issued is null)
                {
                    metrics.Rejected("issue", "unknown-store");
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown store", detail: $"There is no store '{request.StoreId}'.");
                }

                metrics.Accepted("issue");
                return Results.Created($"/api/admin/store-keys?storeId={Uri.EscapeDataString(issued.Entry.StoreId)}", new IssuedStoreKeyView(issued.Key, View(issued.Entry, clock.GetUtcNow())));
            })
            .WithName("IssueStoreKey")
            .WithSummary("Issues a new key for a store's edge agent; the key is shown only in this answer (then by its prefix)")
            .Produces<IssuedStoreKeyView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        keys.MapPost("/{keyId}/rotate", async Task<IResult> (string keyId, ClaimsPrincipal user, StoreKeys store, StoreKeyMetrics metrics, IOptions<AccessOptions> options, TimeProvider clock, CancellationToken ct) =>
            {
                if (Refusal(user, metrics, "rotate") is { } refused)
                {
                    return refused;
                }

                var issued = await store.Rotate(keyId, options.Value.StoreKeyOverlap, user.Identity!.Name!, ct);
                if (issued is null)
                {
                    metrics.Rejected("rotate", "unknown-key");
                    return UnknownKey(keyId, "active ");
                }

                metrics.Accepted("rotate");
                var now = clock.GetUtcNow();
                var old = (await store.List(issued.Entry.StoreId, ct)).Single(e => e.KeyId == keyId);
                return Results.Created($"/api/admin/store-keys?storeId={Uri.EscapeDataString(issued.Entry.StoreId)}", new IssuedStoreKeyView(issued.Key, View(issued.Entry, now), View(old, now)));
            })
            .WithName("RotateStoreKey")
            .WithSummary("Issues the key's successor (shown only in this answer); the old key keeps working for Access:StoreKeyOverlap so the agent can be given the new one")
            .Produces<IssuedStoreKeyView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        keys.MapPost("/{keyId}/revoke", async Task<IResult> (string keyId, ClaimsPrincipal user, StoreKeys store, StoreKeyMetrics metrics, TimeProvider clock, CancellationToken ct) =>
            {
                if (Refusal(user, metrics, "revoke") is { } refused)
                {
                    return refused;
                }

                var revoked = await store.Revoke(keyId, user.Identity!.Name!, ct);
                if (revoked is null)
                {
                    metrics.Rejected("revoke", "unknown-key");
                    return UnknownKey(keyId, "");
                }

                metrics.Accepted("revoke");
                return Results.Ok(View(revoked, clock.GetUtcNow()));
            })
            .WithName("RevokeStoreKey")
            .WithSummary("Revokes a store key at once; the silos refuse it within Access:StoreKeyRecheck")
            .Produces<StoreKeyView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    /// <summary>The rule for pages and endpoints alike: store keys are an administrator's.</summary>
    public static bool CanManage(ClaimsPrincipal user) => user.IsInRole(ChainRoles.Admin);

    /// <summary>The label stored: the one given, trimmed, or "edge agent".</summary>
    public static string Label(string? label) => string.IsNullOrWhiteSpace(label) ? "edge agent" : label.Trim();

    public static StoreKeyView View(StoreKeyEntry e, DateTimeOffset now) => new(
        e.KeyId, e.StoreId, e.Prefix, e.Label, e.IssuedBy, LedgerTime.Utc(e.CreatedAt),
        e.ExpiresAt is { } expires ? LedgerTime.Utc(expires) : null,
        e.RevokedAt is { } revoked ? LedgerTime.Utc(revoked) : null,
        e.RevokedBy, e.ReplacedBy, e.IsActiveAt(now));

    private static IResult? Refusal(ClaimsPrincipal user, StoreKeyMetrics metrics, string operation)
    {
        if (CanManage(user))
        {
            return null;
        }

        metrics.Rejected(operation, "admin-only");
        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: "Only an administrator issues, lists, rotates and revokes store keys.");
    }

    private static IResult UnknownKey(string keyId, string what) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown store key", detail: $"There is no {what}store key '{keyId}'.");
}
