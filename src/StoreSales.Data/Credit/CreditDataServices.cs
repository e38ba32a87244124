using Microsoft.Extensions.DependencyInjection;
using StoreSales.Data.Approvals;
using StoreSales.Domain.Credit;

namespace StoreSales.Data.Credit;

/// <summary>Credit hold's data services and settings (<c>Credit</c>, <c>Orders</c>, validated at start).</summary>
public static class CreditDataServices
{
    public static IServiceCollection AddCreditData(this IServiceCollection services)
    {
        services.AddValidatedOptions<CreditOptions>(CreditOptions.SectionName, o => o.Validate());
        services.AddValidatedOptions<OrderOptions>(OrderOptions.SectionName, o => o.Validate());
        services.AddSingleton<CreditLedger>();
        services.AddSingleton<CreditFactsReader>();
        services.AddSingleton<CreditImport>();
        services.AddSingleton<OrderBook>();
        services.AddSingleton<IApprovalOutcome, OrderReleaseOutcome>();
        return services;
    }
}
