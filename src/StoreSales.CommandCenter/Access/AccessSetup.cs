using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using StoreSales.Data;

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
    public const string CompanyCookieScheme = "CompanyCookie";

    public static WebApplicationBuilder AddStoreSalesAccess(this WebApplicationBuilder builder, string connectionString)
    {
        var services = builder.Services;
        // Read now (the cookies and Identity are configured before the host is built) and registered for the endpoints: strictly
        // both times, so a misspelt key stops the command center instead of leaving, say, the lockout at its default.
        var access = AccessOptions.Read(builder.Configuration);
        var oidc = builder.Configuration.ReadValidated<OpenIdConnectOptionsSection>(OpenIdConnectOptionsSection.SectionName, o => o.Validate());
        services.AddValidatedOptions<AccessOptions>(AccessOptions.SectionName, o => o.Validate(), AccessOptions.KeysOfOthers);
        services.AddValidatedOptions<OpenIdConnectOptionsSection>(OpenIdConnectOptionsSection.SectionName, o => o.Validate());

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
                : oidc.Enabled && context.Request.Cookies.ContainsKey(CompanyCookieName) ? CompanyCookieScheme
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
        authentication.AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o => StaffCookie(o, ".StoreSales.Staff", access)));

        if (oidc.Enabled)
        {
            // Staff signed in by the chain's provider have no Identity account either: Identity's security-stamp
            // check would find no user and end their session after its interval, so they get their own cookie.
            authentication.AddCookie(CompanyCookieScheme, o => StaffCookie(o, CompanyCookieName, access));
            authentication.AddCompanySignIn(oidc);
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
    public const string CompanyCookieName = ".StoreSales.Company";

    /// <summary>A person's sign-in, whichever way they signed in: same lifetime, same pages for "sign in" and "not allowed".</summary>
    private static void StaffCookie(CookieAuthenticationOptions options, string cookieName, AccessOptions access)
    {
        options.Cookie.Name = cookieName;
        options.LoginPath = "/account/login";
        options.AccessDeniedPath = "/account/denied";
        options.ExpireTimeSpan = access.SessionLifetime;
        options.SlidingExpiration = true;
        AnswerApiCallsWithStatusCodes(options);
    }

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
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs")
        || Hosting.OrleansDashboardSetup.IsDataCall(request.Path);
}
