using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using StoreSales.Data.Notifications;

namespace StoreSales.CommandCenter.Access;

/// <summary>
/// Sign-in with the chain's own OpenID Connect provider (section <c>Access:OpenIdConnect</c>): authorization code
/// with PKCE, the provider's claims mapped by <see cref="CompanyStaffClaims"/>, the result kept in the
/// <see cref="AccessSetup.CompanyCookieScheme"/> cookie (not Identity's: the person has no Identity account).
/// </summary>
public static class CompanySignIn
{
    public static AuthenticationBuilder AddCompanySignIn(this AuthenticationBuilder authentication, OpenIdConnectOptionsSection settings) =>
        authentication.AddOpenIdConnect(AccessSetup.OpenIdConnectScheme, settings.DisplayName, o =>
        {
            o.SignInScheme = AccessSetup.CompanyCookieScheme;
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            o.MapInboundClaims = false;
            o.Scope.Clear();
            foreach (var scope in settings.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                o.Scope.Add(scope);
            }

            // The code comes back on a plain top-level GET (not the default form post), so the correlation and nonce
            // cookies need only SameSite=Lax: SameSite=None would demand Secure cookies, which a lab on plain HTTP
            // (RequireHttpsMetadata off) never gets back. Over HTTPS they are still Secure.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;

            o.Events.OnTokenValidated = async context =>
            {
                var logger = Logger(context.HttpContext);
                var mapping = CompanyStaffClaims.Map(context.Principal!, settings, AccessSetup.CompanyCookieScheme);
                if (mapping.UnknownRoles.Count > 0)
                {
                    logger.LogWarning("Company sign-in of {User}: role values {Roles} in claim '{Claim}' are no StoreSales roles and are ignored",
                        mapping.Viewer.Identity!.Name, mapping.UnknownRoles, settings.RoleClaim);
                }

                if (!mapping.HasRole)
                {
                    logger.LogWarning("Company sign-in of {User} refused: no StoreSales role in claim '{Claim}'", mapping.Viewer.Identity!.Name, settings.RoleClaim);
                    context.Fail($"No StoreSales role in the provider's '{settings.RoleClaim}' claim.");
                    return;
                }

                context.Principal = mapping.Viewer;
                // The person has no account row: their scope as of this sign-in is what their alerts go out by.
                var services = context.HttpContext.RequestServices;
                await services.GetRequiredService<PersonScopes>().Record(mapping.Viewer.Identity!.Name!, mapping.Viewer.ToViewerScope(),
                    services.GetRequiredService<TimeProvider>().GetUtcNow(), context.HttpContext.RequestAborted);
            };

            // A refused person, a cancelled sign-in or a provider error ends on the "not allowed" page, not in a 500.
            o.Events.OnRemoteFailure = context =>
            {
                Logger(context.HttpContext).LogWarning("Company sign-in failed: {Reason}", context.Failure?.Message);
                context.Response.Redirect("/account/denied");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CompanySignIn).FullName!);
}
