using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Abstractions.Chain;
using StoreSales.Abstractions.Interventions;
using StoreSales.Abstractions.Reps;
using StoreSales.Abstractions.Stores;
using StoreSales.Data.Access;
using StoreSales.Data.Approvals;
using StoreSales.Data.Chain;
using StoreSales.Data.ContractToCash;
using StoreSales.Data.Credit;
using StoreSales.Data.Customers;
using StoreSales.Data.Demo;
using StoreSales.Data.Grading;
using StoreSales.Data.HotItems;
using StoreSales.Data.Interventions;
using StoreSales.Data.Ledger;
using StoreSales.Data.Notifications;
using StoreSales.Data.Opportunities;
using StoreSales.Data.StoreEvents;
using StoreSales.Abstractions.StoreEvents;
using StoreSales.Domain.Targets.StoreEvents;
using StoreSales.Data.Targets;
using StoreSales.Domain.HotItems;

namespace StoreSales.Data;

public static class DataServiceCollectionExtensions
{
    private const string LedgerWriterConnection = "ledger-writer";

    /// <summary>Registers the PostgreSQL data source and the ledger, master data and key stores on it.</summary>
    public static IServiceCollection AddStoreSalesData(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));

        // The ledger writer holds a connection of its own (its own pool): readers, grain storage or an alert storm
        // exhausting the shared pool can never keep a durable ack waiting for a connection.
        services.AddKeyedSingleton(LedgerWriterConnection, (sp, _) => NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(connectionString)
            {
                ApplicationName = "storesales-ledger-writer",
                MaxPoolSize = sp.GetRequiredService<IOptions<LedgerWriterOptions>>().Value.Writers + 1,
            }.ConnectionString));
        services.AddValidatedOptions<LedgerWriterOptions>(LedgerWriterOptions.SectionName, o => o.Validate());
        services.AddSingleton(sp => new SaleLedger(
            sp.GetRequiredKeyedService<NpgsqlDataSource>(LedgerWriterConnection),
            sp.GetRequiredService<IOptions<LedgerWriterOptions>>().Value,
            sp.GetRequiredService<ILogger<SaleLedger>>(),
            sp.GetService<IMeterFactory>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SaleItemHourFold(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<ILogger<SaleItemHourFold>>(),
            sp.GetService<IMeterFactory>()));
        services.AddValidatedOptions<ScanLedgerOptions>(ScanLedgerOptions.SectionName, o => o.Validate());
        services.AddSingleton<ScanLedger>();
        services.AddSingleton<LossPrevention.ScanReceiptReader>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StoreKeys>();
        services.AddSingleton<DayEnd.ZReports>();
        services.AddSingleton<DayEnd.DayEndLedger>();
        services.AddSingleton(sp => new DayEnd.DayEndReconciler(
            sp.GetRequiredService<DayEnd.ZReports>(),
            sp.GetRequiredService<DayEnd.DayEndLedger>(),
            sp.GetRequiredService<IOptions<DayEnd.DayEndOptions>>(),
            sp.GetService<IGrainFactory>()));
        services.AddValidatedOptions<DayEnd.DayEndOptions>(DayEnd.DayEndOptions.SectionName, o => o.Validate());
        services.AddSingleton<BoardTokens>();
        services.AddSingleton<DemoChainSeeder>();
        services.AddSingleton<IChainDirectory, PgChainDirectory>();
        services.AddSingleton<IStoreLedgerReader, PgStoreLedgerReader>();
        services.AddSingleton<IRepLedgerReader, PgRepLedgerReader>();
        services.AddSingleton<IInterventionJournal, PgInterventionJournal>();
        services.AddValidatedOptions<InterventionJournalOptions>(
            InterventionJournalOptions.SectionName, o => o.Validate(), InterventionJournalOptions.KeysOfOthers);
        services.AddSingleton<InterventionInbox>();
        services.AddSingleton<NotificationPeople>();
        services.AddSingleton<PersonScopes>();
        services.AddSingleton<NotificationOutbox>();

        // Bound here because both hosts call this: the store grains (silo) and the heatmap (command center) must
        // judge "hot" by the same settings.
        services.AddValidatedOptions<HotItemOptions>(HotItemOptions.SectionName, o => o.Validate(), HotItemHeatmapOptions.SectionName.Split(':')[^1]);
        services.AddValidatedOptions<HotItemHeatmapOptions>(HotItemHeatmapOptions.SectionName, o => o.Validate());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<HotItemHeatmapReader>();
        services.AddSingleton<HotItemHeatmapCache>();
        services.AddCustomerData();
        services.AddGradingData();
        services.AddSingleton<IStoreClosureReader, PgStoreClosureReader>();
        services.AddSingleton<StoreEventBook>();
        services.AddValidatedOptions<StoreEventOptions>(StoreEventOptions.SectionName, o => o.Validate());
        services.AddAttributionData();
        // Both hosts: the command center writes targets, and the freeze rule's settings are validated wherever it is asked.
        services.AddTargetData();
        // Both hosts: the command center decides approvals; grains (opportunities, quotes, orders) file them.
        services.AddApprovalData();
        services.AddOpportunityData();
        // Both hosts: the held order's release is applied wherever its approval is decided.
        services.AddCreditData();
        // Both hosts: the command center keeps contracts and documents; the silo's overdue sweep reads instalments.
        services.AddContractToCashData();
        return services;
    }
}
