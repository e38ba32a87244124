using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using StoreSales.Abstractions.Interventions;
using StoreSales.Abstractions.Reps;
using StoreSales.Data.HandOvers;
using StoreSales.Data.Interventions;
using StoreSales.Domain.Interventions;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Reps;
using StoreSales.Grains.Interventions;
using StoreSales.Grains.Reps;
using StoreSales.Testing;

namespace StoreSales.Grains.Tests;

/// <summary>
/// An in-process cluster for the departure grain whose sales-force clock is a <see cref="FakeTimeProvider"/> the tests
/// move (Orleans keeps its own clock: reminders tick every second of real time and each tick reads the fake one), on a
/// real PostgreSQL database with the demo chain's master data, the departures (migration 0270) and the intervention journal.
/// </summary>
public sealed class DepartureClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 9, 9, 0, 0, TimeSpan.FromHours(8));

    public FakeTimeProvider Clock { get; } = new(Start);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public TestDatabase Database { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public static HandOverOptions HandOver { get; } = new() { OverdueCheckEvery = TimeSpan.FromSeconds(1) };

    /// <summary>Departures and hand-overs written at the fake clock's time, as the command center writes them.</summary>
    public RepDepartures Departures => new(Database.DataSource, Options.Create(HandOver), Options.Create(new DormancyOptions()), Options.Create(new ChainCalendarOptions()), Clock);

    public HandOverBook Book => new(Database.DataSource, Options.Create(HandOver), Clock);

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.Create("departures");
        var builder = new InProcessTestClusterBuilder(1);
        var database = Database;
        var clock = Clock;
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddKeyedSingleton<TimeProvider>(SalesForceClock.Key, clock);
            host.Services.AddSingleton<IDepartureReader>(new PgDepartureReader(database.DataSource));
            host.Services.AddSingleton(Options.Create(HandOver));
            host.Services.AddSingleton<IInterventionJournal>(new PgInterventionJournal(database.DataSource, Options.Create(new InterventionJournalOptions())));
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

    /// <summary>A rep of store-sh001 (region-east) owning <paramref name="customers"/> customers, in master data.</summary>
    public async Task<string[]> AddRepWithCustomers(string repId, int customers)
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO rep (rep_id, name, store_id, department_id, level) VALUES (@repId, @repId, 'store-sh001', 'dept-east-retail', 'junior')", new { repId });
        var ids = Enumerable.Range(1, customers).Select(i => $"cust-{repId}-{i}").ToArray();
        await connection.ExecuteAsync(
            """
            INSERT INTO customer (customer_id, kind, display_name, normalized_name, owner_rep_id, department_id, service_from, created_at, updated_at)
            SELECT id, 'member', id, upper(id), @repId, 'store-sh001', @start::date, @start, @start FROM unnest(@ids) AS id
            """,
            new { repId, ids, start = Start.UtcDateTime });
        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }
}
