using StoreSales.Data;
using StoreSales.Data.Targets;
using StoreSales.Domain.Targets.Decomposition;

namespace StoreSales.CommandCenter.Targets;

public static class DecompositionSetup
{
    /// <summary>Decomposition's settings (<c>Targets:Decomposition</c>, validated at start), its data and its desk.</summary>
    public static IServiceCollection AddTargetDecomposition(this IServiceCollection services)
    {
        services.AddValidatedOptions<DecompositionOptions>(DecompositionOptions.SectionName, o => o.Validate());
        services.AddSingleton<DecompositionBaselines>();
        services.AddSingleton<TargetProposals>();
        services.AddSingleton<TargetCalibration>();
        services.AddSingleton<DecompositionMetrics>();
        services.AddSingleton<DecompositionDesk>();
        return services;
    }
}
