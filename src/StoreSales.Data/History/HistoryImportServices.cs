using Microsoft.Extensions.DependencyInjection;

namespace StoreSales.Data.History;

public static class HistoryImportServices
{
    /// <summary>History import jobs and their runner, with <c>History:Import</c> bound and validated at start.</summary>
    public static IServiceCollection AddHistoryImport(this IServiceCollection services)
    {
        services.AddValidatedOptions<HistoryImportOptions>(HistoryImportOptions.SectionName, o => o.Validate());
        services.AddSingleton<HistoryImportJobs>();
        services.AddSingleton<HistoryImportRunner>();
        return services;
    }
}
