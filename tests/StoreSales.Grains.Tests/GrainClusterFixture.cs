using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using StoreSales.Abstractions.Chain;
using StoreSales.Abstractions.Reps;
using StoreSales.Abstractions.Stores;
using StoreSales.Data.Chain;
using StoreSales.Data.Ledger;
using StoreSales.Data.Interventions;
using StoreSales.Abstractions.Interventions;
using StoreSales.Domain.Interventions;
using StoreSales.Grains.Interventions;
using StoreSales.Domain.Targets;
using StoreSales.Grains;
using StoreSales.Testing;
using Microsoft.Extensions.Time.Testing;
using StoreSales.Abstractions.Customers;
using StoreSales.Data.Customers;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Grading;
using StoreSales.Domain.SalesForce.Leads;
using StoreSales.Grains.Customers;

namespace StoreSales.Grains.Tests;

/// <summary>
/// One in-process Orleans cluster for all grain tests, with the demo chain's master data in a real PostgreSQL
/// database. The clock reads a Wednesday 15:00 in Shanghai, so pacing expects half of an 08:00–22:00 day.
/// </summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 11, 15, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Short, so the SLA escalation can be watched happen; production default is 30 minutes.</summary>
    public static readonly TimeSpan SlaAcknowledgeWithin = TimeSpan.FromSeconds(3);

    /// <summary>Short, so a silent agent's devices can be watched go offline; production default is 2 minutes.</summary>
    public static readonly TimeSpan DeviceOfflineAfter = TimeSpan.FromSeconds(2);

    /// <summary>Short, so the nightly grading's reminder is seen ticking; production default is 1 minute.</summary>
    public static readonly TimeSpan NightlyCheckEvery = TimeSpan.FromSeconds(1);

    private const string MemoryStorageName = "live-memory";

    /// <summary>Small, so a test can count a store past it; production default is 1000.</summary>
    public const int CheckpointAfterSales = 50;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>
    /// The clock the customer grains and the dormancy sweep judge by (keyed <see cref="SalesForceClock.Key"/>): a test moves
    /// it days ahead while Orleans' own timers and the other grains keep the <see cref="ShiftedClock"/>. Only forward: each
    /// test counts from where it finds it.
    /// </summary>
    public FakeTimeProvider SalesForceTime { get; } = new(Now);

    /// <summary>The golden-hours reminder's period here: a second, so a test sees ticks at each moment it sets.</summary>
    public static readonly TimeSpan GoldenHoursCheckPeriod = TimeSpan.FromSeconds(1);

    /// <summary>The opportunity grains' ageing reminder here: a second, so a test sees ticks at each moment it sets.</summary>
    public static readonly TimeSpan AgeingCheckPeriod = TimeSpan.FromSeconds(1);

    public TestDatabase Database { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The store grains' storage, which a test can make lose writes (a silo crash before a checkpoint).</summary>
    public CrashableGrainStorage Storage { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.Create("grains", seedDemo: false);
        await new Data.Demo.DemoChainSeeder(Database.DataSource)
            .Seed(Data.Demo.DemoChainSeeder.ReadChain(RepositoryPaths.DemoChain), RepositoryPaths.DemoItems, DateOnly.FromDateTime(Now.Date), CancellationToken.None);

        var builder = new InProcessTestClusterBuilder(1);
        var database = Database;
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new ShiftedClock(Now)));
            host.Services.AddSingleton<IChainDirectory>(new PgChainDirectory(database.DataSource));
            host.Services.AddSingleton<IStoreLedgerReader>(new PgStoreLedgerReader(database.DataSource));
            host.Services.AddSingleton<Abstractions.StoreEvents.IStoreClosureReader>(new Data.StoreEvents.PgStoreClosureReader(database.DataSource));
            host.Services.AddSingleton<IRepLedgerReader>(new PgRepLedgerReader(database.DataSource));
            host.Services.Configure<LiveOptions>(o =>
            {
                o.PublishInterval = TimeSpan.FromMilliseconds(20);
                o.DeviceOfflineAfter = DeviceOfflineAfter;
                o.DeviceOfflineAlertAfter = TimeSpan.FromSeconds(1);
                o.CheckpointAfterSales = CheckpointAfterSales;
                // Longer than any test: a checkpoint a test sees comes from the sale count or a deactivation, not the clock.
                o.CheckpointInterval = TimeSpan.FromMinutes(10);
            });
            host.Services.AddOptions<TargetStatusOptions>();
            host.Services.AddKeyedSingleton<TimeProvider>(SalesForceClock.Key, SalesForceTime);
            host.Services.AddSingleton<ICustomerFactsReader>(new PgCustomerFacts(database.DataSource, Microsoft.Extensions.Options.Options.Create(new DormancyOptions())));
            host.Services.AddSingleton<Abstractions.ContractToCash.ICustomerMatchReader>(new Data.ContractToCash.PgCustomerMatch(
                new Data.ContractToCash.ThreeWayMatchReader(
                    database.DataSource,
                    Microsoft.Extensions.Options.Options.Create(new Domain.ContractToCash.ContractToCashOptions()),
                    Microsoft.Extensions.Options.Options.Create(new Domain.SalesForce.ChainCalendarOptions())),
                Microsoft.Extensions.Options.Options.Create(new Domain.ContractToCash.ContractToCashOptions())));
            host.Services.AddSingleton<IOpenLeads>(new PgOpenLeads(database.DataSource));
            host.Services.AddSingleton<Abstractions.Opportunities.IOpportunityFactsReader>(new Data.Opportunities.PgOpportunityFacts(database.DataSource));
            host.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new Domain.SalesForce.Opportunities.OpportunityOptions { AgeingCheckPeriod = AgeingCheckPeriod }));
            host.Services.AddSingleton<IDormancyCrossings>(new PgDormancyCrossings(database.DataSource, Microsoft.Extensions.Options.Options.Create(new DormancyOptions())));
            host.Services.AddOptions<GoldenHoursOptions>();
            host.Services.AddOptions<DormancyOptions>();
            host.Services.AddOptions<ChainCalendarOptions>();
            host.Services.AddOptions<CustomerGradingOptions>();
            host.Services.AddOptions<DormancySweepOptions>();
            host.Services.Configure<CustomerGrainOptions>(o => { });
            host.Services.Replace(ServiceDescriptor.Singleton(Microsoft.Extensions.Options.Options.Create(new CustomerGrainOptions { GoldenHoursCheckPeriod = GoldenHoursCheckPeriod })));
            host.Services.AddSingleton<IInterventionJournal>(new PgInterventionJournal(database.DataSource, Microsoft.Extensions.Options.Options.Create(new InterventionJournalOptions())));
            host.Services.AddOptions<InterventionSlaOptions>().Configure(o => { });
            host.Services.Replace(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IOptions<InterventionSlaOptions>>(
                Microsoft.Extensions.Options.Options.Create(new InterventionSlaOptions { AcknowledgeWithin = SlaAcknowledgeWithin })));
            host.Services.Configure<InterventionTimingOptions>(o => o.SlaCheckPeriod = TimeSpan.FromSeconds(1));
            host.Services.Configure<Orleans.Hosting.ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            host.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new Domain.SalesForce.ChainCalendarOptions()));
            host.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new Domain.SalesForce.Grading.CustomerGradingOptions()));
            host.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new Grading.NightlyGradingOptions { CheckEvery = NightlyCheckEvery, AlertConcurrency = 4, AlertPageSize = 2 }));
            host.Services.AddSingleton<Abstractions.Grading.ICustomerGrading>(new Data.Grading.PgCustomerGrading(
                database.DataSource,
                Microsoft.Extensions.Options.Options.Create(new Domain.SalesForce.Grading.CustomerGradingOptions()),
                Microsoft.Extensions.Options.Options.Create(new Domain.SalesForce.Grading.CustomerHealthOptions()),
                Microsoft.Extensions.Options.Options.Create(new Domain.SalesForce.ChainCalendarOptions())));
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(MemoryStorageName);
            // The Orleans serializer, as production's storage has (OrleansSiloSetup): state read back after a deactivation
            // (a store's kept heartbeat with its device list) round-trips as it does there, not through Newtonsoft.
            silo.Services.AddOptions<Orleans.Configuration.MemoryGrainStorageOptions>(MemoryStorageName)
                .Configure<Orleans.Serialization.Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
            silo.Services.AddGrainStorage(GrainStorageNames.Live, (services, _) =>
                Storage = new CrashableGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(MemoryStorageName)));
            silo.UseInMemoryReminderService();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>A Shanghai store of its own (08:00–22:00, region-east) in master data, for a test whose grain must start fresh.</summary>
    public async Task AddStore(string storeId)
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO store (store_id, name, region_id, latitude, longitude, time_zone, opens, closes)
            VALUES (@storeId, @storeId, 'region-east', 31.2, 121.4, 'Asia/Shanghai', '08:00', '22:00')
            """,
            new { storeId });
    }

    /// <summary>A rep of <paramref name="storeId"/> in master data, with a target for the month of <see cref="Now"/>.</summary>
    public async Task AddRep(string repId, string storeId, decimal monthTarget)
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO rep (rep_id, name, store_id, department_id, level) VALUES (@repId, @repId, @storeId, 'dept-test', 'senior');
            INSERT INTO rep_target (rep_id, month, amount) VALUES (@repId, @month::date, @monthTarget);
            """,
            new { repId, storeId, month = new DateTime(Now.Year, Now.Month, 1), monthTarget });
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class GrainClusterCollection : ICollectionFixture<GrainClusterFixture>
{
    public const string Name = "grain cluster";
}
