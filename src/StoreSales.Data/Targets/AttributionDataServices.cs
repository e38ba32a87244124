using Microsoft.Extensions.DependencyInjection;
using StoreSales.Abstractions.Targets;
using StoreSales.Domain.Targets.Attribution;

namespace StoreSales.Data.Targets;

public static class AttributionDataServices
{
    /// <summary>
    /// The attribution report's generation (silo) and reads (command center), with <c>Targets:Attribution</c> bound and
    /// validated for both hosts, so a key misspelt in either is an error at start.
    /// </summary>
    public static IServiceCollection AddAttributionData(this IServiceCollection services)
    {
        services.AddValidatedOptions<AttributionOptions>(AttributionOptions.SectionName, o => o.Validate());
        services.AddSingleton<IAttributionReports, PgAttributionReports>();
        services.AddSingleton<AttributionReportReader>();
        return services;
    }
}
