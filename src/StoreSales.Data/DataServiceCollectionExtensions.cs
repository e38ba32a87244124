using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using StoreSales.Abstractions.Chain;
using StoreSales.Abstractions.Interventions;
using StoreSales.Abstractions.Stores;
using StoreSales.Data.Access;
using StoreSales.Data.Chain;
using StoreSales.Data.Demo;
using StoreSales.Data.HotItems;
using StoreSales.Data.Interventions;
using StoreSales.Data.Ledger;
using StoreSales.Domain.HotItems;

namespace StoreSales.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the PostgreSQL data source and the ledger, master data and key stores on it.</summary>
    public static IServiceCollection AddStoreSalesData(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<SaleLedger>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StoreKeys>();
        services.AddSingleton<BoardTokens>();
        services.AddSingleton<DemoChainSeeder>();
        services.AddSingleton<IChainDirectory, PgChainDirectory>();
        services.AddSingleton<IStoreLedgerReader, PgStoreLedgerReader>();
        services.AddSingleton<IInterventionJournal, PgInterventionJournal>();
        services.AddOptions<InterventionJournalOptions>()
            .BindConfiguration(InterventionJournalOptions.SectionName)
            .Validate(o => o.Validate() is null, $"Invalid {InterventionJournalOptions.SectionName} settings")
            .ValidateOnStart();
        services.AddSingleton<InterventionInbox>();

        // Bound here because both hosts call this: the store grains (silo) and the heatmap (command center) must
        // judge "hot" by the same settings.
        services.AddOptions<HotItemOptions>()
            .BindConfiguration(HotItemOptions.SectionName)
            .Validate(o => o.Validate() is null, $"Invalid {HotItemOptions.SectionName} settings")
            .ValidateOnStart();
        services.AddOptions<HotItemHeatmapOptions>()
            .BindConfiguration(HotItemHeatmapOptions.SectionName)
            .Validate(o => o.Validate() is null, $"Invalid {HotItemHeatmapOptions.SectionName} settings")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<HotItemHeatmapReader>();
        services.AddSingleton<HotItemHeatmapCache>();
        return services;
    }
}
