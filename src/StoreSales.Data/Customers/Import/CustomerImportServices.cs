using Microsoft.Extensions.DependencyInjection;

namespace StoreSales.Data.Customers.Import;

public static class CustomerImportServices
{
    /// <summary>Import jobs and their runner, with <c>SalesForce:Customers:Import</c> bound and validated at start.</summary>
    public static IServiceCollection AddCustomerImport(this IServiceCollection services)
    {
        services.AddValidatedOptions<CustomerImportOptions>(CustomerImportOptions.SectionName, o => o.Validate());
        services.AddSingleton<CustomerImportJobs>();
        services.AddSingleton<CustomerImportRunner>();
        return services;
    }
}
