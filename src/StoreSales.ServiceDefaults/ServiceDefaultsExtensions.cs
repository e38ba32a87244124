using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace StoreSales.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>Meters of StoreSales itself; every host exports them with ASP.NET Core's and the runtime's.</summary>
    public const string MeterPrefix = "StoreSales.";

    /// <summary>
    /// Metrics (OpenTelemetry, scraped at <c>/metrics</c>), health checks (<c>/health/live</c>, <c>/health/ready</c>
    /// with a PostgreSQL probe) and RFC 7807 problem details for errors.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string connectionString)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter(MeterPrefix + "*")
                .AddMeter("Microsoft.Orleans")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"])
            .Add(new HealthCheckRegistration("postgresql", _ => new PostgreSqlHealthCheck(connectionString), HealthStatus.Unhealthy, ["ready"]));
        return builder;
    }

    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready");
        return app;
    }
}
