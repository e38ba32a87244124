using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using StoreSales.Testing;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace StoreSales.Testing.CompanyIdentity;

/// <summary>
/// A chain's own OpenID Connect provider, real (OpenIddict server, its store in PostgreSQL through EF Core), hosted
/// in this process on plain HTTP: authorization code flow with PKCE required, a confidential client for the command
/// center, a login form for its <see cref="CompanyStaffMember"/>s, and their StoreSales roles, regions and stores
/// in the ID token under the claim names below (deliberately not StoreSales' defaults, so the mapping is exercised).
/// </summary>
public sealed class CompanyIdentityProvider : IAsyncDisposable
{
    public const string RoleClaim = "company_roles";
    public const string RegionClaim = "company_regions";
    public const string StoreClaim = "company_stores";
    public const string LoginPath = "/login";
    private const string CookieScheme = "CompanyDirectory";

    private readonly WebApplication _app;

    private CompanyIdentityProvider(WebApplication app, Uri authority)
    {
        _app = app;
        Authority = authority;
    }

    public Uri Authority { get; }

    /// <summary>Starts the provider with its own database on the test PostgreSQL server (dropped on dispose).</summary>
    public static async Task<CompanyIdentityProvider> Start(IReadOnlyList<CompanyStaffMember> staff)
    {
        var port = FreeTcpPort.Next();
        var database = new NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString) { Database = $"t_idp_{Guid.NewGuid():N}"[..30] }.ConnectionString;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(CompanyIdentityProvider).Assembly.GetName().Name });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        // Over whatever appsettings.json the test's folder holds: the provider's every request is no news.
        builder.Logging.ClearProviders().AddConsole().AddFilter(level => level >= LogLevel.Warning);

        builder.Services.AddDbContext<CompanyDirectoryDb>(o => o.UseNpgsql(database).UseOpenIddict());
        builder.Services.AddAuthentication(CookieScheme).AddCookie(CookieScheme, o =>
        {
            // Its own cookie name: cookies ignore ports, and the command center runs on the same 127.0.0.1.
            o.Cookie.Name = ".Company.Directory";
            o.LoginPath = LoginPath;
        });
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<CompanyDirectoryDb>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                // Only here, on a test machine: a real provider is reached over HTTPS.
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });

        var app = builder.Build();
        app.UseAuthentication();
        app.MapGet(LoginPath, (string? returnUrl) => Results.Content(LoginForm(returnUrl), "text/html"));
        app.MapPost(LoginPath, async (HttpContext context) =>
            {
                var form = await context.Request.ReadFormAsync();
                var member = staff.FirstOrDefault(s => s.UserName == form["username"] && s.Password == form["password"]);
                if (member is null)
                {
                    return Results.Content(LoginForm(form["returnUrl"]), "text/html", statusCode: StatusCodes.Status401Unauthorized);
                }

                await context.SignInAsync(CookieScheme, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, member.UserName)], CookieScheme)));
                return Results.LocalRedirect(form["returnUrl"].ToString() is { Length: > 0 } back ? back : "/");
            })
            .DisableAntiforgery();
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], async (HttpContext context) =>
        {
            var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            var login = await context.AuthenticateAsync(CookieScheme);
            var member = login.Succeeded ? staff.FirstOrDefault(s => s.UserName == login.Principal!.Identity!.Name) : null;
            if (member is null)
            {
                return Results.Challenge(null, [CookieScheme]);
            }

            return Results.SignIn(IdentityOf(member, request.GetScopes()), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CompanyDirectoryDb>().Database.EnsureCreatedAsync();
        }

        await app.StartAsync();
        return new CompanyIdentityProvider(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    public const string ClientId = "storesales-command-center";

    /// <summary>The command center's client secret at this provider, new for each provider.</summary>
    public string ClientSecret { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// The settings of a command center that offers sign-in with this provider: on plain HTTP, and with this
    /// provider's claim names.
    /// </summary>
    public IReadOnlyDictionary<string, string?> CommandCenterSettings => new Dictionary<string, string?>
    {
        ["Access:OpenIdConnect:Authority"] = Authority.ToString(),
        ["Access:OpenIdConnect:ClientId"] = ClientId,
        ["Access:OpenIdConnect:ClientSecret"] = ClientSecret,
        ["Access:OpenIdConnect:RequireHttpsMetadata"] = "false",
        ["Access:OpenIdConnect:RoleClaim"] = RoleClaim,
        ["Access:OpenIdConnect:RegionClaim"] = RegionClaim,
        ["Access:OpenIdConnect:StoreClaim"] = StoreClaim,
    };

    /// <summary>
    /// Registers a command center (started with <see cref="CommandCenterSettings"/>) as a confidential client that may
    /// use the code flow, PKCE required; its redirect address is known only once it listens.
    /// </summary>
    public async Task RegisterCommandCenter(Uri commandCenter)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            DisplayName = "StoreSales command center",
            RedirectUris = { new Uri(commandCenter, "/signin-oidc") },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
    }

    private static ClaimsPrincipal IdentityOf(CompanyStaffMember member, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(CookieScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, member.Subject)
            .SetClaim(Claims.PreferredUsername, member.UserName)
            .SetClaims(RoleClaim, [.. member.Roles])
            .SetClaims(RegionClaim, [.. member.Regions])
            .SetClaims(StoreClaim, [.. member.Stores]);
        identity.SetScopes(scopes);
        // Everything the command center needs travels in the ID token: it does not call the userinfo endpoint.
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return new ClaimsPrincipal(identity);
    }

    private static string LoginForm(string? returnUrl) =>
        $"""
        <!doctype html><title>Company sign-in</title>
        <form method="post" action="{LoginPath}">
          <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}">
          <label>User <input name="username" autocomplete="username"></label>
          <label>Password <input name="password" type="password" autocomplete="current-password"></label>
          <button type="submit">Sign in</button>
        </form>
        """;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CompanyDirectoryDb>().Database.EnsureDeletedAsync();
        }

        await _app.DisposeAsync();
    }
}
