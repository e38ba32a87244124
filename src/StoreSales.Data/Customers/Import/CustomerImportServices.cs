using Microsoft.Extensions.DependencyInjection;
using StoreSales.Data.Customers.Export;

namespace StoreSales.Data.Customers.Import;

public static class CustomerImportServices
{
    /// <summary>
    /// Import jobs and their runner (with <c>SalesForce:Customers:Import</c> bound and validated at start), and the
    /// audited export.
    /// </summary>
    public static IServiceCollection AddCustomerImport(this IServiceCollection services)
    {
        services.AddValidatedOptions<CustomerImportOptions>(CustomerImportOptions.SectionName, o => o.Validate());
        services.AddSingleton<CustomerImportJobs>();
        services.AddSingleton<CustomerImportRunner>();
        services.AddSingleton<CustomerExportReader>();
        services.AddSingleton<CustomerExportAudit>();
        return services;
    }
}
