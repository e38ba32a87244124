using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace StoreSales.CommandCenter.Access;

/// <summary>Signing in and out (API clients and the pages' sign-out button) and "who am I"; board tokens are in <see cref="BoardTokenEndpoints"/>.</summary>
public static class AccountEndpoints
{
    public sealed record SignInRequest(string UserName, string Password);

    public sealed record Viewer(string Name, IReadOnlyList<string> Roles, IReadOnlyList<string> Regions, IReadOnlyList<string> Stores, IReadOnlyList<string> Departments, string? RepId);

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Access");

        api.MapPost("/account/sign-in", async Task<IResult> (SignInRequest request, SignInManager<IdentityUser> signIn) =>
            {
                // A body without them reached Identity as nulls and answered 500 (found by the authorization matrix).
                if (string.IsNullOrEmpty(request.UserName) || string.IsNullOrEmpty(request.Password))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]>
                    {
                        [string.IsNullOrEmpty(request.UserName) ? "userName" : "password"] = ["Required to sign in."],
                    });
                }

                var result = await signIn.PasswordSignInAsync(request.UserName, request.Password, isPersistent: false, lockoutOnFailure: true);
                return result.Succeeded ? Results.NoContent()
                    : result.IsLockedOut ? Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Account locked", detail: "Too many failed attempts; the account is locked for a while.")
                    : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "Wrong user name or password.");
            })
            .AllowAnonymous()
            .ProducesValidationProblem()
            .WithName("SignIn")
            .WithSummary("Signs a staff member in with user name and password; sets the sign-in cookie");

        api.MapGet("/me", (ClaimsPrincipal user) =>
            {
                var scope = user.ToViewerScope();
                return new Viewer(user.Identity?.Name ?? "", [.. scope.Roles.Order()], [.. scope.Regions.Order()], [.. scope.Stores.Order()], [.. scope.Departments.Order()], scope.RepId);
            })
            .RequireAuthorization()
            .WithName("WhoAmI")
            .WithSummary("The signed-in viewer's roles and scope");

        // Sign-in with the chain's own identity provider (offered on the sign-in page when configured).
        app.MapGet("/account/external", (string? returnUrl, IOptions<OpenIdConnectOptionsSection> oidc) =>
                oidc.Value.Enabled
                    ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOnly(returnUrl) }, [AccessSetup.OpenIdConnectScheme])
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No company sign-in", detail: "No OpenID Connect provider is configured (Access:OpenIdConnect:Authority)."))
            .AllowAnonymous()
            .ExcludeFromDescription();

        app.MapPost("/account/sign-out", async (HttpContext context) =>
            {
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
                await context.SignOutAsync(AccessSetup.BoardCookieScheme);
                if (context.RequestServices.GetRequiredService<IOptions<OpenIdConnectOptionsSection>>().Value.Enabled)
                {
                    await context.SignOutAsync(AccessSetup.CompanyCookieScheme);
                }
                return Results.LocalRedirect("/account/login");
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();

        return app;
    }

    /// <summary>Only ever back into this site: a return address from a query string is not trusted blindly.</summary>
    public static string LocalOnly(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
