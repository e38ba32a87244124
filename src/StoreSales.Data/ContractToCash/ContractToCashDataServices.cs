using Microsoft.Extensions.DependencyInjection;
using StoreSales.Abstractions.ContractToCash;
using StoreSales.Domain.ContractToCash;

namespace StoreSales.Data.ContractToCash;

/// <summary>Contract to cash's data services and settings (<c>ContractToCash</c>, validated at start).</summary>
public static class ContractToCashDataServices
{
    public static IServiceCollection AddContractToCashData(this IServiceCollection services)
    {
        services.AddValidatedOptions<ContractToCashOptions>(ContractToCashOptions.SectionName, o => o.Validate());
        services.AddSingleton<ContractBook>();
        services.AddSingleton<ContractLedger>();
        services.AddSingleton<ContractImport>();
        services.AddSingleton<ContractFileReader>();
        services.AddSingleton<ThreeWayMatchReader>();
        services.AddSingleton<IOverdueInstalments, PgOverdueInstalments>();
        services.AddSingleton<ICustomerMatchReader, PgCustomerMatch>();
        return services;
    }
}
