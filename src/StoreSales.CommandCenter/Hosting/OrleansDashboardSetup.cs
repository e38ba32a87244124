using Orleans.Dashboard;
using StoreSales.Domain.Access;

namespace StoreSales.CommandCenter.Hosting;

/// <summary>
/// The Orleans Dashboard (silos, grains, calls, reminders), served by the command center because it is the signed-in web
/// app: the silo has no sign-in. Admins only; the silos feed it (their <c>Orleans:Dashboard</c>, on by default).
/// <c>Orleans:Dashboard</c> here (default true) turns the pages off.
/// </summary>
public static class OrleansDashboardSetup
{
    public const string Path = "/admin/orleans";
    public const string SettingKey = "Orleans:Dashboard";

    public static bool Enabled(IConfiguration configuration) => configuration.GetValue(SettingKey, true);

    public static IClientBuilder AddStoreSalesDashboard(this IClientBuilder client, IConfiguration configuration)
    {
        if (Enabled(configuration))
        {
            // The live log stream stays off: logs go to the log files, where who may read them is already decided.
            client.AddDashboard(o => o.HideTrace = true);
        }

        return client;
    }

    public static WebApplication MapStoreSalesDashboard(this WebApplication app)
    {
        if (Enabled(app.Configuration))
        {
            // Not in the OpenAPI document: these are Orleans' own endpoints, not StoreSales' API.
            app.MapOrleansDashboard(Path)
                .RequireAuthorization(policy => policy.RequireRole(ChainRoles.Admin))
                .ExcludeFromDescription();
        }

        return app;
    }

    /// <summary>
    /// The dashboard's data and script requests, made by its page: answered 401/403 like the APIs. The page itself
    /// (<c>/admin/orleans/</c>) sends a person to the sign-in or "not allowed" page instead.
    /// </summary>
    public static bool IsDataCall(PathString path) =>
        path.StartsWithSegments(Path, out var rest) && rest.HasValue && rest != "/" && rest != "/index.html";
}
