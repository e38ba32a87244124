using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Interventions;
using StoreSales.Data.Targets;
using StoreSales.Domain.Interventions;
using StoreSales.Domain.Targets.Attribution;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// What the report generation reads from PostgreSQL for the two seams: the month's applied decomposition (its closures
/// factor in target_proposal_store.factors, and when it was proposed) and a device-offline alert's evidence (when the
/// till went offline). A Shanghai store open 10:00–20:00 in November 2026, target 300,000 (1,000 an open hour), sold 290,000.
/// </summary>
public sealed class AttributionLedgerFactsTests
{
    private static readonly DateOnly November = new(2026, 11, 1);

    // As the intervention journal stores evidence (web names).
    private static readonly JsonSerializerOptions EvidenceJson = new(JsonSerializerDefaults.Web);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task A_priced_in_closure_excuses_nothing_again_and_a_till_counts_from_when_it_went_offline()
    {
        await using var database = await TestDatabase.Create("attrseam", seedDemo: false);
        await using (var connection = await database.DataSource.OpenConnectionAsync(Cancellation))
        {
            var evidence = JsonSerializer.Serialize(
                new InterventionEvidence("till T1 offline", null, null, null, At(11, 12, 10, 2),
                    Facts: new EvidenceFacts(EvidenceFacts.DeviceOffline, TerminalId: "T1", DeviceKind: "till", Since: At(11, 11, 21).ToUniversalTime())),
                EvidenceJson);
            await connection.ExecuteAsync(
                """
                INSERT INTO region (region_id, name) VALUES ('region-t', '华东大区');
                INSERT INTO store (store_id, name, region_id, time_zone, opens, closes) VALUES ('store-t', '上海静安店', 'region-t', 'Asia/Shanghai', '10:00', '20:00');
                INSERT INTO store_target (store_id, month, amount) VALUES ('store-t', '2026-11-01', 300000);
                INSERT INTO sale (store_id, terminal_id, sequence, kind, rung_up_at, captured_at, total)
                VALUES ('store-t', 'T1', 1, 'sale', '2026-11-20 12:00+08', now(), 290000);
                INSERT INTO store_event (store_id, kind, starts_at, ends_at, closes_store, recorded_by, recorded_at)
                VALUES ('store-t', 'weather-closure', '2026-11-10 14:00+08', '2026-11-10 18:00+08', true, 't', '2026-09-28 09:00+08');
                INSERT INTO intervention (alert_id, condition, subject_kind, subject_id, store_id, region_id, severity, assignee, status, level, raised_at, updated_at, evidence)
                VALUES ('store-t/T1/till', 'device-offline-T1-till', 'device', 'store-t/T1/till', 'store-t', 'region-t', 'medium',
                        'supervisor:region-t', 'Resolved', 0, '2026-11-12 10:02+08', '2026-11-12 12:00+08', @evidence::jsonb);
                """,
                new { evidence });
            // The applied proposal knew of the closure (recorded before it) and lowered the store's share by 4,000 for it.
            var proposal = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO target_proposal (region_id, month, region_amount, proposed_by, proposed_at, status, applied_by, applied_at)
                VALUES ('region-t', '2026-11-01', 300000, 'hq', '2026-10-01 09:00+08', 'applied', 'hq', '2026-10-02 09:00+08') RETURNING proposal_id
                """);
            await connection.ExecuteAsync(
                """
                INSERT INTO target_proposal_store (proposal_id, store_id, baseline, factors, proposed_amount)
                VALUES (@proposal, 'store-t', 304000, '[{"factor":"trend","amount":0,"known":true},{"factor":"closures","amount":-4000,"known":true}]', 300000)
                """,
                new { proposal });
        }

        await new PgAttributionReports(database.DataSource, Options.Create(new AttributionOptions()), Options.Create(new InterventionSlaOptions()))
            .Generate(November, DateTimeOffset.UtcNow, Cancellation);
        var report = await new AttributionReportReader(database.DataSource).Read(November, (_, _) => true, _ => true, Cancellation);

        var store = Assert.Single(report!.Stores);
        Assert.Equal("上海静安店", store.StoreName);
        Assert.Equal(
            [("weather-closure", 4m, 0m, 4_000m, 0m), (GapCauses.TillOffline, 2m, 2_000m, 0m, 2_000m)],
            store.Attribution.Causes.Select(c => (c.Kind, c.Hours, c.EstimatedCost, c.PricedIn, c.Explained)));
        Assert.Equal(8_000m, store.Attribution.Unexplained);
    }
}
