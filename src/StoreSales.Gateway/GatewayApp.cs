using Microsoft.Extensions.Options;

namespace StoreSales.Gateway;

/// <summary>Builds the gateway host: YARP in front of the command-center nodes named in <see cref="GatewayOptions"/>.</summary>
public static class GatewayApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

        // Read here, before the host exists, because the proxy's routes are made from it; the same rule runs at start.
        var options = new GatewayOptions();
        builder.Configuration.GetSection(GatewayOptions.SectionName).Bind(options, o => o.ErrorOnUnknownConfiguration = true);
        if (options.Validate() is { } problem)
        {
            throw new OptionsValidationException(GatewayOptions.SectionName, typeof(GatewayOptions), [problem]);
        }

        builder.Services.AddReverseProxy().LoadFromMemory(CommandCenterRoutes.Routes(), CommandCenterRoutes.Clusters(options));
        builder.Services.AddHealthChecks();

        var app = builder.Build();
        // The gateway's own liveness, apart from the nodes' (which it proxies like any other path).
        app.MapHealthChecks("/gateway/health");
        app.MapReverseProxy();
        return app;
    }
}
