using StoreSales.Data.Customers.Import;

namespace StoreSales.CommandCenter.Customers;

public static class CustomerImportSetup
{
    /// <summary>The import jobs, the audited export, and the worker that runs the jobs in this command center.</summary>
    public static IServiceCollection AddCustomerImportWorker(this IServiceCollection services)
    {
        services.AddCustomerImport();
        services.AddSingleton<CustomerImportSignal>();
        services.AddSingleton<CustomerImportMetrics>();
        services.AddHostedService<CustomerImportWorker>();
        return services;
    }
}
