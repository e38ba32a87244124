using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Interventions;
using StoreSales.Data.Interventions;
using StoreSales.Domain.Interventions;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// An alert escalated away from a rep stays in the rep's inbox on a real PostgreSQL: the journal keeps whom it was
/// assigned to before, the inbox's list and deep link find it for them (and say so), and not for another rep.
/// </summary>
public sealed class InterventionInboxEscalatedTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.Create("escalated");

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_rep_s_inbox_still_lists_and_finds_an_alert_escalated_away_from_them_and_another_rep_s_does_not()
    {
        using var journal = new PgInterventionJournal(_database.DataSource, Options.Create(new InterventionJournalOptions()));
        var inbox = new InterventionInbox(_database.DataSource);
        var raised = new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero);
        var alert = new Intervention(
            "lead-overdue:lead-1", "lead-overdue", new InterventionSubject("lead", "lead-1", "store-sh001", "region-east"), "medium",
            new InterventionEvidence("No first contact within 48 h.", null, null, null, raised), "rep:rep-1", InterventionStatus.Open, 0, raised, raised, null, []);
        await journal.Record(alert, Cancellation);
        await journal.Record(
            alert with
            {
                Assignee = "supervisor:region-east", Status = InterventionStatus.Escalated, Level = 1, UpdatedAt = raised.AddHours(4), AssignedBefore = ["rep:rep-1"],
            },
            Cancellation);
        var rep = Scope("rep:rep-1");

        var listed = Assert.Single(await inbox.List(rep, openOnly: true, 50, Cancellation));
        var found = await inbox.Find(rep, alert.AlertId, Cancellation);

        Assert.Equal(("supervisor:region-east", "rep:rep-1"), (listed.Assignee, string.Join(",", listed.AssignedBefore)));
        Assert.Equal(InboxHolding.EscalatedAway, rep.HoldingOf(listed.RegionId, listed.StoreId, listed.Assignee, listed.AssignedBefore));
        Assert.NotNull(found);
        Assert.Empty(await inbox.List(Scope("rep:rep-2"), openOnly: true, 50, Cancellation));
        Assert.Null(await inbox.Find(Scope("rep:rep-2"), alert.AlertId, Cancellation));
    }

    private static InboxScope Scope(string assignee) =>
        new(new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal) { assignee });
}
