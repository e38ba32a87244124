using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Abstractions.Interventions;
using StoreSales.Data.Interventions;
using StoreSales.Domain.Interventions;

namespace StoreSales.Grains.Tests;

[Collection(GrainClusterCollection.Name)]
public sealed class InterventionJournalTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task An_alert_storm_queues_for_the_journal_instead_of_taking_the_connection_pool()
    {
        // A pool of its own, named so its connections can be counted in pg_stat_activity.
        var connectionString = new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString) { ApplicationName = "journal-storm", MaxPoolSize = 50 }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        using var journal = new PgInterventionJournal(dataSource, Options.Create(new InterventionJournalOptions { JournalConcurrency = 2 }));
        var now = DateTimeOffset.UtcNow;

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => journal.Record(
            new Intervention(
                $"storm-{i}",
                "day-behind",
                new InterventionSubject("store", $"store-storm{i}", $"store-storm{i}", "region-east"),
                "high",
                new InterventionEvidence("storm", 1m, 2m, -0.5m, now),
                "supervisor:region-east",
                InterventionStatus.Open,
                0,
                now,
                now,
                null,
                []),
            TestContext.Current.CancellationToken)));

        // The pool opens a connection only when all it has are busy: two writers at a time never need a third.
        Assert.InRange(await fixture.Database.Count("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'journal-storm'"), 1, 2);
        Assert.Equal(200, await fixture.Database.Count("SELECT count(*) FROM intervention WHERE alert_id LIKE 'storm-%'"));
    }
}
