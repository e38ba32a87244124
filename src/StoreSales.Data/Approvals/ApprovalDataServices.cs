using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StoreSales.Abstractions.Approvals;
using StoreSales.Domain.Approvals;

namespace StoreSales.Data.Approvals;

/// <summary>The approvals' data services; each kind registers its <see cref="IApprovalOutcome"/> beside its own services.</summary>
public static class ApprovalDataServices
{
    public static IServiceCollection AddApprovalData(this IServiceCollection services)
    {
        services.TryAddKeyedSingleton(ApprovalClock.Key, (sp, _) => sp.GetRequiredService<TimeProvider>());
        services.AddSingleton<ApprovalBook>();
        services.AddSingleton<IOverdueApprovals, PgOverdueApprovals>();
        // Both hosts: filers compute due times (ApprovalOptions.DueAt), the silo checks them, the command center lists.
        services.AddValidatedOptions<ApprovalOptions>(ApprovalOptions.SectionName, o => o.Validate());
        return services;
    }
}
