using StoreSales.Data.History;

namespace StoreSales.CommandCenter.History;

public static class HistoryImportSetup
{
    /// <summary>The history import jobs (<c>History:Import</c> validated at start) and the worker that writes them in this command center.</summary>
    public static IServiceCollection AddHistoryImportWorker(this IServiceCollection services)
    {
        services.AddHistoryImport();
        services.AddSingleton<HistoryImportCatchUp>();
        services.AddSingleton<HistoryImportSignal>();
        services.AddSingleton<HistoryImportMetrics>();
        services.AddHostedService<HistoryImportWorker>();
        return services;
    }
}
