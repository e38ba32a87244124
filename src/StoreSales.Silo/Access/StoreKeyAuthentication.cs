using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using StoreSales.Data.Access;

namespace StoreSales.Silo.Access;

/// <summary>
/// Authenticates an edge agent by its store key (header <c>X-Store-Key</c>). The principal carries the store
/// the key belongs to; endpoints compare it with the store in the path (403 when they differ).
/// </summary>
public sealed class StoreKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    StoreKeys keys,
    IMemoryCache cache,
    IOptions<StoreKeyOptions> keyOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "StoreKey";
    public const string HeaderName = "X-Store-Key";
    public const string StoreClaim = "store_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return AuthenticateResult.NoResult();
        }

        var key = values.ToString();
        var cacheKey = "store-key:" + Convert.ToHexString(StoreKeys.Hash(key));
        var storeId = await cache.GetOrCreateAsync(cacheKey, entry =>
        {
            // Looked up again after Access:StoreKeyRecheck: a busy store costs no query per batch, and a revoked key
            // (or one past its rotation overlap) stops working within that time.
            entry.AbsoluteExpirationRelativeToNow = keyOptions.Value.StoreKeyRecheck;
            return keys.FindStore(key, Context.RequestAborted);
        });

        if (storeId is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked store key.");
        }

        var identity = new ClaimsIdentity([new Claim(StoreClaim, storeId)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = SchemeName;
        await Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Store key required",
            detail: $"Send the store's API key in the {HeaderName} header; the key given is missing, unknown or revoked.")
            .ExecuteAsync(Context);
    }
}
