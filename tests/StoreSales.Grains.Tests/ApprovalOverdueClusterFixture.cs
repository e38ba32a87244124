using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using StoreSales.Abstractions.Approvals;
using StoreSales.Abstractions.Interventions;
using StoreSales.Data.Approvals;
using StoreSales.Data.Interventions;
using StoreSales.Domain.Approvals;
using StoreSales.Domain.Interventions;
using StoreSales.Grains.Interventions;
using StoreSales.Testing;

namespace StoreSales.Grains.Tests;

/// <summary>
/// An in-process cluster for the approvals' overdue check whose sales-force clock is a <see cref="FakeTimeProvider"/> the
/// tests move (Orleans ticks its reminder every real second; each tick reads the fake clock), on a real PostgreSQL with
/// the approval tables (0360, 0395) and the intervention journal. Requests are filed at the same fake clock.
/// </summary>
public sealed class ApprovalOverdueClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);

    public static ApprovalOptions Options { get; } = new() { OverdueCheckEvery = TimeSpan.FromSeconds(1) };

    public FakeTimeProvider Clock { get; } = new(Start);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public TestDatabase Database { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public ApprovalBook Book => new(Database.DataSource, [], Clock, Microsoft.Extensions.Options.Options.Create(new StoreSales.Domain.Approvals.ApprovalOptions()), NullLogger<ApprovalBook>.Instance);

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.Create("approval_overdue", seedDemo: false);
        var builder = new InProcessTestClusterBuilder(1);
        var database = Database;
        var clock = Clock;
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddKeyedSingleton<TimeProvider>(SalesForceClock.Key, clock);
            host.Services.AddSingleton<IOverdueApprovals>(new PgOverdueApprovals(database.DataSource));
            host.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(Options));
            host.Services.AddSingleton<IInterventionJournal>(new PgInterventionJournal(database.DataSource, Microsoft.Extensions.Options.Options.Create(new InterventionJournalOptions())));
            host.Services.AddOptions<InterventionSlaOptions>();
            host.Services.Configure<InterventionTimingOptions>(o => o.SlaCheckPeriod = TimeSpan.FromMinutes(1));
            host.Services.Configure<Orleans.Hosting.ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(GrainStorageNames.Live);
            silo.UseInMemoryReminderService();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }
}
