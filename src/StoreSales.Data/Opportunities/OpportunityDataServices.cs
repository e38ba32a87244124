using Microsoft.Extensions.DependencyInjection;
using StoreSales.Abstractions.Opportunities;
using StoreSales.Data.Approvals;
using StoreSales.Domain.SalesForce.Opportunities;

namespace StoreSales.Data.Opportunities;

/// <summary>
/// The opportunities' data services and settings, for both hosts (through <see cref="DataServiceCollectionExtensions.AddStoreSalesData"/>):
/// the command center moves and reads pipelines, the grains age, and both must judge by the same <see cref="OpportunityOptions"/>.
/// </summary>
public static class OpportunityDataServices
{
    public static IServiceCollection AddOpportunityData(this IServiceCollection services)
    {
        services.AddValidatedOptions<OpportunityOptions>(OpportunityOptions.SectionName, o => o.Validate());
        services.AddSingleton<OpportunityChanges>();
        services.AddSingleton<OpportunityBook>();
        services.AddSingleton<OpportunityPipeline>();
        services.AddSingleton<PgOpportunityFacts>();
        services.AddSingleton<IOpportunityFactsReader>(sp => sp.GetRequiredService<PgOpportunityFacts>());
        services.AddSingleton<IApprovalOutcome, ContractEntryOutcome>();
        return services;
    }
}
