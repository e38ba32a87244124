using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace StoreSales.CommandCenter.Access;

/// <summary>
/// Who is looking: staff sign in with a password (ASP.NET Core Identity on PostgreSQL, lockout on) or with the
/// chain's OpenID Connect provider; a store's TV board signs in with a read-only board token. Every request is
/// authenticated by the <see cref="ViewerScheme"/>, which picks the right one of these.
/// </summary>
public static class AccessSetup
{
    public const string ViewerScheme = "Viewer";
    public const string BoardCookieScheme = "BoardCookie";
    public const string OpenIdConnectScheme = "oidc";

    public static WebApplicationBuilder AddStoreSalesAccess(this WebApplicationBuilder builder, string connectionString)
    {
        var services = builder.Services;
        var access = builder.Configuration.GetSection(AccessOptions.SectionName).Get<AccessOptions>() ?? new AccessOptions();
        var oidc = builder.Configuration.GetSection(OpenIdConnectOptionsSection.SectionName).Get<OpenIdConnectOptionsSection>() ?? new OpenIdConnectOptionsSection();
        services.Configure<AccessOptions>(builder.Configuration.GetSection(AccessOptions.SectionName));
        services.Configure<OpenIdConnectOptionsSection>(builder.Configuration.GetSection(OpenIdConnectOptionsSection.SectionName));

        services.AddDbContext<StaffAccountsDb>(o => o.UseNpgsql(connectionString));

        // One key ring for every command-center node: cookies and antiforgery tokens survive a restart and a
        // load balancer moving a browser to another node.
        services.AddDataProtection()
            .SetApplicationName("StoreSales.CommandCenter")
            .PersistKeysToDbContext<StaffAccountsDb>();

        var authentication = services
            .AddAuthentication(o =>
            {
                o.DefaultScheme = ViewerScheme;
                o.DefaultChallengeScheme = ViewerScheme;
            })
            .AddPolicyScheme(ViewerScheme, "Staff or board", o => o.ForwardDefaultSelector = context =>
                BoardTokenAuthentication.TokenOf(context.Request) is not null ? BoardTokenAuthentication.SchemeName
                : context.Request.Cookies.ContainsKey(BoardCookieName) ? BoardCookieScheme
                : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, BoardTokenAuthentication>(BoardTokenAuthentication.SchemeName, null)
            // The board has its own cookie: it is no Identity user, so Identity's security-stamp check must not see it.
            .AddCookie(BoardCookieScheme, o =>
            {
                o.Cookie.Name = BoardCookieName;
                o.ExpireTimeSpan = access.BoardSessionLifetime;
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = BoardCookieRecheck.Validate;
                AnswerApiCallsWithStatusCodes(o);
            });
        authentication.AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
        {
            o.Cookie.Name = ".StoreSales.Staff";
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = access.SessionLifetime;
            o.SlidingExpiration = true;
            AnswerApiCallsWithStatusCodes(o);
        }));

        if (oidc.Enabled)
        {
            authentication.AddOpenIdConnect(OpenIdConnectScheme, oidc.DisplayName, o =>
            {
                o.SignInScheme = IdentityConstants.ApplicationScheme;
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                o.ResponseType = "code";
                o.MapInboundClaims = false;
                o.Events.OnTokenValidated = context =>
                {
                    // The provider names roles its own way; StoreSales reads standard role claims.
                    if (context.Principal?.Identity is ClaimsIdentity identity)
                    {
                        foreach (var role in identity.FindAll(oidc.RoleClaim).ToList())
                        {
                            identity.AddClaim(new Claim(ClaimTypes.Role, role.Value));
                        }
                    }

                    return Task.CompletedTask;
                };
            });
        }

        services
            .AddIdentityCore<IdentityUser>(o =>
            {
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = access.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = access.LockoutDuration;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<StaffAccountsDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, BoardCircuitRevalidation>();
        services.AddHttpContextAccessor();
        return builder;
    }

    public const string BoardCookieName = ".StoreSales.Board";

    /// <summary>APIs and the hub answer 401/403; only pages are redirected to the sign-in page.</summary>
    private static void AnswerApiCallsWithStatusCodes(CookieAuthenticationOptions options)
    {
        options.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
        options.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);

        static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int statusCode)
        {
            if (IsMachineCall(context.Request))
            {
                context.Response.StatusCode = statusCode;
            }
            else
            {
                context.Response.Redirect(context.RedirectUri);
            }

            return Task.CompletedTask;
        }
    }

    public static bool IsMachineCall(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs");
}
