using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using StoreSales.Abstractions.Interventions;
using StoreSales.Contracts.Ingest;
using StoreSales.Data.DayEnd;
using StoreSales.Domain.Interventions;
using StoreSales.Domain.Sales.DayEnd;
using StoreSales.Testing;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.Integration.Tests;

/// <summary>Z reports through the silo's ingest API into real PostgreSQL, reconciled against the ledger and the store grain.</summary>
public sealed class ZReportApiTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private const string Store = "store-sh001";
    private const string SalesPath = $"/api/stores/{Store}/sales/batches";
    private const string ZPath = $"/api/stores/{Store}/z-reports";

    // store-sh001 trades in Asia/Shanghai: 10:00 +08:00 is well inside the business day.
    private static readonly DateOnly Day = new(2026, 11, 3);
    private static readonly DateTimeOffset Morning = new(2026, 11, 3, 10, 0, 0, TimeSpan.FromHours(8));

    private HttpClient Agent(string key = "demo-key-store-sh001") => fixture.Silo.CreateClient(key);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task Ring(params SaleRecord[] sales)
    {
        var response = await Agent().PostAsJsonAsync(SalesPath, new SaleBatch { Sales = sales }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static ZReportRecord Z(string terminal, DateOnly day, long lastSequence, int count, decimal gross) => new()
    {
        TerminalId = terminal,
        BusinessDay = day,
        ZNumber = "Z-0001",
        ClosedAt = Morning.AddHours(12),
        CapturedAt = Morning.AddHours(12),
        LastSequence = lastSequence,
        Count = count,
        Gross = gross,
        Tenders = [new TenderRecord { Method = "cash", Amount = gross }],
    };

    private async Task<StoreDayReconciliation> Reconciled(DateOnly day) =>
        await fixture.Silo.Services.GetRequiredService<DayEndReconciler>().Reconcile(Store, day, Ct);

    private Task<Intervention?> Alert(string terminal, DateOnly day) =>
        fixture.Silo.Grains().GetGrain<IInterventionGrain>(InterventionConditions.GrainKey($"{Store}/{terminal}/{day:yyyy-MM-dd}", "reconciliation")).GetCurrent();

    [Fact]
    public async Task An_equal_day_reconciles_to_the_cent_and_a_Z_sent_again_changes_nothing()
    {
        await Ring(Sale("Z1", 1, Morning, ("6920433218190", 2, 3.50m)), Sale("Z1", 2, Morning.AddHours(1), ("6993503056411", 1, 39.90m)));

        var first = await Agent().PostAsJsonAsync(ZPath, Z("Z1", Day, 2, 2, 46.90m), Ct);
        var again = await Agent().PostAsJsonAsync(ZPath, Z("Z1", Day, 2, 2, 46.90m), Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var ack = await first.Content.ReadFromJsonAsync<ZReportAck>(Ct);
        Assert.Equal(("equal", false), (ack!.Verdict, ack.Duplicate));
        Assert.True((await again.Content.ReadFromJsonAsync<ZReportAck>(Ct))!.Duplicate);
        Assert.Equal(1, await fixture.Database.Count("SELECT count(*) FROM z_report WHERE terminal_id = 'Z1'"));
        var day = (await Reconciled(Day)).Terminals.Single(t => t.TerminalId == "Z1");
        Assert.Equal(ReconciliationVerdict.Equal, day.Verdict);
        Assert.Equal(46.90m, day.Grain!.Gross);
        Assert.Empty(day.Items);
        Assert.Null(await Alert("Z1", Day));
    }

    [Fact]
    public async Task A_sale_missing_from_the_ledger_is_named_and_the_store_manager_is_alerted()
    {
        // Sequence 2 never arrived: the Z counts three sales, the ledger two.
        await Ring(Sale("Z2", 1, Morning, ("6920433218190", 1, 10m)), Sale("Z2", 3, Morning.AddHours(2), ("6920433218190", 1, 5m)));

        var response = await Agent().PostAsJsonAsync(ZPath, Z("Z2", Day, 3, 3, 22m), Ct);

        Assert.Equal("explained", (await response.Content.ReadFromJsonAsync<ZReportAck>(Ct))!.Verdict);
        var day = (await Reconciled(Day)).Terminals.Single(t => t.TerminalId == "Z2");
        Assert.Equal((1, 7m), (day.ZMinusLedger.Count, day.ZMinusLedger.Gross));
        Assert.Equal(new ReconciliationItem(ReconciliationReason.Missing, 2), Assert.Single(day.Items));
        var alert = await Alert("Z2", Day);
        Assert.NotNull(alert);
        Assert.Equal(("reconciliation", "store-manager:store-sh001"), (alert!.Condition, alert.Assignee));
        Assert.Contains("Missing #2", alert.Evidence.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_sale_that_arrives_later_closes_the_alert_with_an_outcome_naming_it()
    {
        await Ring(Sale("Z6", 1, Morning, ("6920433218190", 1, 10m)), Sale("Z6", 3, Morning.AddHours(2), ("6920433218190", 1, 5m)));
        await Agent().PostAsJsonAsync(ZPath, Z("Z6", Day, 3, 3, 22m), Ct);
        Assert.Equal(InterventionStatus.Open, (await Alert("Z6", Day))!.Status);

        // Sequence 2 was held up (or refused and requeued once fixed): it arrives after the Z.
        await Ring(Sale("Z6", 2, Morning.AddHours(1), ("6920433218190", 1, 7m)));

        var alert = await Eventually.Until(() => Alert("Z6", Day), a => a!.Status == InterventionStatus.Resolved);
        Assert.Equal(ReconciliationVerdict.Equal, (await Reconciled(Day)).Terminals.Single(t => t.TerminalId == "Z6").Verdict);
        Assert.StartsWith("The missing sale #2 of terminal Z6 arrived at ", alert!.Outcome, StringComparison.Ordinal);
        Assert.EndsWith("its Z for 2026-11-03 now equals the ledger and the live figures to the cent.", alert.Outcome, StringComparison.Ordinal);
        Assert.Equal((InterventionStatus.Resolved, "reconciliation"), (alert.History[^1].To, alert.History[^1].By));
    }

    [Fact]
    public async Task A_late_sale_that_leaves_the_day_unequal_keeps_the_alert_open()
    {
        await Ring(Sale("Z7", 1, Morning, ("6920433218190", 1, 10m)), Sale("Z7", 3, Morning.AddHours(2), ("6920433218190", 1, 5m)));
        await Agent().PostAsJsonAsync(ZPath, Z("Z7", Day, 3, 3, 22m), Ct);

        // It arrives, but for 8.00 where the Z counted 7.00: someone has to look.
        await Ring(Sale("Z7", 2, Morning.AddHours(1), ("6920433218190", 1, 8m)));
        var late = fixture.Silo.Services.GetRequiredService<StoreSales.Silo.Ingest.LateSaleReconciliation>();
        await Eventually.Holds(() => late.InFlight == 0, "the late sale's check to finish", cancellationToken: Ct);

        var day = (await Reconciled(Day)).Terminals.Single(t => t.TerminalId == "Z7");
        Assert.Equal((ReconciliationVerdict.Unexplained, 1m), (day.Verdict, day.ZMinusLedger.Gross * -1));
        Assert.Equal(InterventionStatus.Open, (await Alert("Z7", Day))!.Status);
    }

    [Fact]
    public async Task A_sale_after_the_Z_is_listed_with_its_total()
    {
        await Ring(Sale("Z3", 1, Morning, ("6920433218190", 1, 10m)), Sale("Z3", 2, Morning.AddHours(13), ("6920433218190", 1, 6m)));

        await Agent().PostAsJsonAsync(ZPath, Z("Z3", Day, 1, 1, 10m), Ct);

        var day = (await Reconciled(Day)).Terminals.Single(t => t.TerminalId == "Z3");
        Assert.Equal(ReconciliationVerdict.Explained, day.Verdict);
        var item = Assert.Single(day.Items);
        Assert.Equal((ReconciliationReason.AfterZ, 2L, 6m), (item.Reason, item.Sequence, item.Total!.Value));
    }

    [Fact]
    public async Task A_different_Z_for_a_closed_day_is_409_and_the_first_stays()
    {
        var day = Day.AddDays(1);
        await Agent().PostAsJsonAsync(ZPath, Z("Z4", day, 0, 0, 0m), Ct);

        var response = await Agent().PostAsJsonAsync(ZPath, Z("Z4", day, 0, 1, 5m), Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("already has a different Z report", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await fixture.Database.Count("SELECT sale_count FROM z_report WHERE terminal_id = 'Z4'"));
    }

    [Fact]
    public async Task An_invalid_Z_is_400_naming_the_field_and_another_stores_key_is_403()
    {
        var invalid = await Agent().PostAsJsonAsync(ZPath, Z("bad terminal!", Day, 0, -1, 0m), Ct);
        var wrongStore = await Agent("demo-key-store-sh002").PostAsJsonAsync(ZPath, Z("Z5", Day, 0, 0, 0m), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var body = await invalid.Content.ReadAsStringAsync(Ct);
        Assert.Contains("terminalId", body, StringComparison.Ordinal);
        Assert.Contains("count", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, wrongStore.StatusCode);
        Assert.Equal(0, await fixture.Database.Count("SELECT count(*) FROM z_report WHERE terminal_id = 'Z5'"));
    }
}
