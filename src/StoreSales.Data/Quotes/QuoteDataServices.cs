using Microsoft.Extensions.DependencyInjection;
using StoreSales.Data.Approvals;
using StoreSales.Domain.SalesForce.Quotes;

namespace StoreSales.Data.Quotes;

/// <summary>The quotes' data services, their options (<c>Quotes</c>, validated at start) and their approval outcome.</summary>
public static class QuoteDataServices
{
    public static IServiceCollection AddQuoteData(this IServiceCollection services)
    {
        services.AddValidatedOptions<QuotesOptions>(QuotesOptions.SectionName, o => o.Validate());
        services.AddSingleton<QuoteReader>();
        services.AddSingleton<QuoteBook>();
        services.AddSingleton<QuoteVerifier>();
        services.AddSingleton<IApprovalOutcome, QuoteOutcome>();
        return services;
    }
}
