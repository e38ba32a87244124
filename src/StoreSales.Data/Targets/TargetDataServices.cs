using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StoreSales.Domain.Targets;

namespace StoreSales.Data.Targets;

/// <summary>The targets' data services and the freeze rule's settings (Targets:Freeze), bound and validated at start.</summary>
public static class TargetDataServices
{
    public static IServiceCollection AddTargetData(this IServiceCollection services)
    {
        services.AddValidatedOptions<TargetFreezeOptions>(TargetFreezeOptions.SectionName, o => o.Validate());
        services.TryAddKeyedSingleton(TargetClock.Key, (sp, _) => sp.GetRequiredService<TimeProvider>());
        services.AddSingleton<TargetBook>();
        services.AddSingleton<TargetWriter>();
        services.AddSingleton<TargetChangeRequests>();
        return services;
    }
}
