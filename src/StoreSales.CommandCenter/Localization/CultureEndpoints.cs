using Microsoft.AspNetCore.Localization;

namespace StoreSales.CommandCenter.Localization;

/// <summary>
/// English and Simplified Chinese. The browser's language decides by default; the switch in the top bar stores
/// the choice in the standard culture cookie and reloads the page (a live circuit keeps the culture it began with).
/// </summary>
public static class CultureEndpoints
{
    public static readonly string[] Supported = ["en", "zh-CN"];

    public static WebApplicationBuilder AddStoreSalesLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(Supported[0]).AddSupportedCultures(Supported).AddSupportedUICultures(Supported);
            o.FallBackToParentUICultures = true;
            o.FallBackToParentCultures = true;
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture", (string? name, string? returnUrl, HttpContext context) =>
            {
                if (name is null || !Supported.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown language", detail: $"Supported: {string.Join(", ", Supported)}.");
                }

                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(name)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax });
                return Results.LocalRedirect(returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/");
            })
            .ExcludeFromDescription();
        return app;
    }
}
