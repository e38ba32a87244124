using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.TestingHost;
using StoreSales.Abstractions.Chain;
using StoreSales.Abstractions.Stores;
using StoreSales.Data.Chain;
using StoreSales.Data.Ledger;
using StoreSales.Domain.Targets;
using StoreSales.Grains;
using StoreSales.Testing;

namespace StoreSales.Grains.Tests;

/// <summary>
/// One in-process Orleans cluster for all grain tests, with the demo chain's master data in a real PostgreSQL
/// database. The clock reads a Wednesday 15:00 in Shanghai, so pacing expects half of an 08:00–22:00 day.
/// </summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 11, 15, 0, 0, TimeSpan.FromHours(8));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public TestDatabase Database { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

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
            host.Services.Configure<LiveOptions>(o => o.PublishInterval = TimeSpan.FromMilliseconds(20));
            host.Services.AddOptions<TargetStatusOptions>();
        });
        builder.ConfigureSilo((_, silo) => silo.AddMemoryGrainStorage(GrainStorageNames.Live));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
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
