using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using StoreSales.Abstractions.ContractToCash;
using StoreSales.Abstractions.Interventions;
using StoreSales.Data.ContractToCash;
using StoreSales.Data.Interventions;
using StoreSales.Domain.ContractToCash;
using StoreSales.Domain.Credit;
using StoreSales.Domain.Interventions;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Opportunities;
using StoreSales.Grains.Interventions;
using StoreSales.Testing;

namespace StoreSales.Grains.Tests;

/// <summary>
/// The instalment overdue sweep on the injected clock: an open instalment raises <c>instalment-overdue</c> for its
/// owner rep and for finance at the customer's midnight three days after its due date — not a second before, and once
/// however many sweeps follow; a paid instalment raises nothing. The reminder makes the sweep; the test waits through
/// <see cref="Eventually"/>, never for a fixed delay.
/// </summary>
public sealed class InstalmentOverdueGrainTests(InstalmentOverdueClusterFixture fixture) : IClassFixture<InstalmentOverdueClusterFixture>
{
    private const string Rep = "rep-sh001-01";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_open_instalment_alerts_the_rep_and_finance_once_at_the_customers_midnight_three_days_after_due()
    {
        // Prepaid contracts signed (and so due) on 1 December; the clock starts at 15:59:00 UTC on 3 December, 23:59 in Shanghai.
        await fixture.Customer("cust-late");
        var options = Options.Create(new ContractToCashOptions());
        var book = new ContractBook(fixture.Database.DataSource, options, Options.Create(new OpportunityOptions()), fixture.Clock);
        var ledger = new ContractLedger(fixture.Database.DataSource, fixture.Clock);
        foreach (var id in new[] { "CT-LATE", "CT-PAID" })
        {
            var draft = ContractRules.CheckContract(id, "cust-late", null, null, 10_000, null, null, "prepaid", new DateOnly(2026, 12, 1), options.Value, new CreditOptions()).Document!;
            Assert.Equal(ContractKept.Recorded, await book.Keep(draft, "finance", Cancellation));
        }

        var payment = ContractRules.CheckDocument(
            ContractDocumentKind.Payment, "PAY-1", "cust-late", "CT-PAID", 11_300, null, null, null, new DateTimeOffset(2026, 12, 2, 2, 0, 0, TimeSpan.Zero), null, null, null,
            fixture.Clock.GetUtcNow(), new CreditOptions());
        Assert.Equal(ContractKept.Recorded, await ledger.Keep(payment.Document!, "finance", Cancellation));
        var grain = fixture.Grains.GetGrain<IInstalmentOverdueGrain>(0);
        await grain.Start();

        var before = await grain.Sweep();
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        // The reminder, not this test, sweeps at the customer's midnight.
        await Eventually.Holds(async () => (await Alerts()).Count == 2, "instalment-overdue raised for the rep and finance", TimeSpan.FromSeconds(30), Cancellation);
        fixture.Clock.Advance(TimeSpan.FromDays(2));
        var again = await grain.Sweep() + await grain.Sweep();

        Assert.Equal(0, before);
        Assert.Equal(0, again);
        Assert.Equal(
            [new AlertRow("CT-LATE-1", "instalment", "medium", "finance"), new AlertRow("CT-LATE-1", "instalment", "medium", $"rep:{Rep}")],
            (await Alerts()).OrderBy(a => a.Assignee, StringComparer.Ordinal));
    }

    private async Task<List<AlertRow>> Alerts()
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(Cancellation);
        return [.. await connection.QueryAsync<AlertRow>(
            "SELECT subject_id AS SubjectId, subject_kind AS SubjectKind, severity AS Severity, assignee AS Assignee FROM intervention WHERE condition = 'instalment-overdue'")];
    }

    private sealed record AlertRow(string SubjectId, string SubjectKind, string Severity, string Assignee);
}

/// <summary>
/// An in-process cluster for the instalment sweep whose sales-force clock is a <see cref="FakeTimeProvider"/> (Orleans
/// ticks the reminder every real second; each tick reads the fake clock), on a real PostgreSQL with the demo chain (reps,
/// stores and their time zones), contract to cash (0420) and the intervention journal.
/// </summary>
public sealed class InstalmentOverdueClusterFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 3, 15, 59, 0, TimeSpan.Zero));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public TestDatabase Database { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.Create("instalment_overdue");
        var builder = new InProcessTestClusterBuilder(1);
        var database = Database;
        var clock = Clock;
        var options = Options.Create(new ContractToCashOptions { OverdueCheckEvery = TimeSpan.FromSeconds(1) });
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddKeyedSingleton<TimeProvider>(SalesForceClock.Key, clock);
            host.Services.AddSingleton<IOverdueInstalments>(new PgOverdueInstalments(database.DataSource, options, Options.Create(new ChainCalendarOptions())));
            host.Services.AddSingleton(options);
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

    public async Task Customer(string id)
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO customer (customer_id, kind, display_name, normalized_name, owner_rep_id, department_id, service_from, created_at, updated_at)
            SELECT @id, 'account', @id, @id, rep_id, department_id, '2026-01-01', now(), now() FROM rep WHERE rep_id = 'rep-sh001-01'
            """,
            new { id });
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }
}
