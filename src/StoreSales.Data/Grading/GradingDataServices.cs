using Microsoft.Extensions.DependencyInjection;
using StoreSales.Abstractions.Grading;
using StoreSales.Data.Reps;
using StoreSales.Domain.SalesForce.Grading;
using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.Data.Grading;

public static class GradingDataServices
{
    /// <summary>
    /// The nightly grading (silo), the grades' reads and rep process health (command center), with the settings they
    /// decide by: bound for both hosts, so a key misspelt in either is an error at start.
    /// </summary>
    public static IServiceCollection AddGradingData(this IServiceCollection services)
    {
        services.AddValidatedOptions<CustomerHealthOptions>(CustomerHealthOptions.SectionName, o => o.Validate());
        services.AddValidatedOptions<ProcessHealthOptions>(ProcessHealthOptions.SectionName, o => o.Validate());
        services.AddSingleton<ICustomerGrading, PgCustomerGrading>();
        services.AddSingleton<CustomerGrades>();
        services.AddSingleton<RepProcessHealthCounts>();
        return services;
    }
}
