using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace StoreSales.Data.Approvals;

/// <summary>The approvals' data services; each kind registers its <see cref="IApprovalOutcome"/> beside its own services.</summary>
public static class ApprovalDataServices
{
    public static IServiceCollection AddApprovalData(this IServiceCollection services)
    {
        services.TryAddKeyedSingleton(ApprovalClock.Key, (sp, _) => sp.GetRequiredService<TimeProvider>());
        services.AddSingleton<ApprovalBook>();
        return services;
    }
}
