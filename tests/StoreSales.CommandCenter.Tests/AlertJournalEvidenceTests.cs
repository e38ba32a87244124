using System.Text.Json;
using StoreSales.Abstractions.Interventions;
using StoreSales.CommandCenter.Components.Interventions;
using StoreSales.Data.Interventions;

namespace StoreSales.CommandCenter.Tests;

/// <summary>The journal keeps evidence as JSON: rows written before facts were kept still load, new ones keep their facts.</summary>
public sealed class AlertJournalEvidenceTests
{
    private static readonly JsonSerializerOptions JournalJson = new(JsonSerializerDefaults.Web);

    [Fact]
    public void A_row_written_before_facts_loads_with_its_summary_and_no_facts()
    {
        const string before = """{"summary":"Jing'an: till of terminal T01 offline since 10:05 during opening hours","actual":null,"expected":null,"deviation":null,"observedAt":"2026-11-20T02:15:00+00:00","hours":null}""";

        var card = AlertCard.From(Entry(before));

        Assert.StartsWith("Jing'an: till of terminal T01", card.Evidence.Summary, StringComparison.Ordinal);
        Assert.Null(card.Evidence.Facts);
    }

    [Fact]
    public void Facts_come_back_from_the_journal_as_they_were_written()
    {
        var facts = new EvidenceFacts(EvidenceFacts.FeedLagging, WaitingSales: 900, OldestWaiting: TimeSpan.FromMinutes(16), LastAckAt: DateTimeOffset.UnixEpoch);
        var written = JsonSerializer.Serialize(new InterventionEvidence("summary", 900m, null, null, DateTimeOffset.UnixEpoch, Facts: facts), JournalJson);

        Assert.Equal(facts, AlertCard.From(Entry(written)).Evidence.Facts);
    }

    private static InboxEntry Entry(string evidence) => new(
        "store-sh001/device-offline-T01-till#1", "device-offline-T01-till", "device", "store-sh001/T01/till", "store-sh001", "region-east",
        "medium", "supervisor:region-east", "Open", 0, DateTime.UnixEpoch, DateTime.UnixEpoch, null, evidence, "[]");
}
