using Microsoft.Extensions.DependencyInjection;
using StoreSales.Abstractions.Customers;
using StoreSales.Data.HandOvers;
using StoreSales.Data.Pool;
using StoreSales.Data.Reps;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Grading;
using StoreSales.Domain.SalesForce.Leads;
using StoreSales.Domain.SalesForce.Pool;

namespace StoreSales.Data.Customers;

public static class CustomerDataServices
{
    /// <summary>
    /// The customer stores (and the public pool's) and the sales-force settings they decide by. Bound for both hosts (through
    /// <see cref="DataServiceCollectionExtensions.AddStoreSalesData"/>): the API, the import and the customer grains
    /// must normalise identities and count first contacts alike.
    /// </summary>
    public static IServiceCollection AddCustomerData(this IServiceCollection services)
    {
        services.AddValidatedOptions<CustomerIdentityOptions>(CustomerIdentityOptions.SectionName, o => o.Validate());
        services.AddValidatedOptions<GoldenHoursOptions>(GoldenHoursOptions.SectionName, o => o.Validate());
        services.AddValidatedOptions<ChainCalendarOptions>(ChainCalendarOptions.SectionName, o => o.Validate());
        services.AddValidatedOptions<CustomerGradingOptions>(CustomerGradingOptions.SectionName, o => o.Validate());
        services.AddSingleton<ChainToday>();
        services.AddSingleton<CustomerIntake>();
        services.AddSingleton<CustomerLookup>();
        services.AddSingleton<MemberPurchases>();
        services.AddSingleton<InteractionLog>();
        services.AddSingleton<LeadBook>();
        services.AddSingleton<CustomerMerger>();
        services.AddValidatedOptions<DormancyOptions>(DormancyOptions.SectionName, o => o.Validate());
        services.AddValidatedOptions<PoolClaimOptions>(PoolClaimOptions.SectionName, o => o.Validate());
        services.AddSingleton<PoolRelease>();
        services.AddSingleton<PoolClaims>();
        services.AddSingleton<PoolListing>();
        services.AddSingleton<MemberCustomers>();
        services.AddSingleton<ICustomerFactsReader, PgCustomerFacts>();
        services.AddSingleton<IDormancyCrossings, PgDormancyCrossings>();
        services.AddSingleton<IOpenLeads, PgOpenLeads>();
        services.AddSingleton<InteractionHistory>();
        services.AddSingleton<RepCustomerBoard>();
        services.AddSingleton<StoreReps>();
        services.AddHandOverData();
        return services;
    }
}
