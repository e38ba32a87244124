using Microsoft.Extensions.DependencyInjection;
using StoreSales.Abstractions.Reps;
using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.Data.HandOvers;

public static class HandOverDataServices
{
    /// <summary>
    /// Offboarding's stores and settings, for both hosts: the command center starts departures and works hand-overs, the
    /// silo's departure grains check them for overdue, by the same <c>SalesForce:HandOver</c> settings.
    /// </summary>
    public static IServiceCollection AddHandOverData(this IServiceCollection services)
    {
        services.AddValidatedOptions<HandOverOptions>(HandOverOptions.SectionName, o => o.Validate());
        services.AddSingleton<RepDepartures>();
        services.AddSingleton<HandOverBook>();
        services.AddSingleton<HandOverPacks>();
        services.AddSingleton<IDepartureReader, PgDepartureReader>();
        return services;
    }
}
