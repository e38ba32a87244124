using Dapper;
using Orleans.Core.Internal;
using StoreSales.Abstractions.Interventions;
using StoreSales.Abstractions.Reps;
using StoreSales.Abstractions.Stores;
using StoreSales.Data.Ledger;
using StoreSales.Data.StoreEvents;
using StoreSales.Domain.Interventions;
using StoreSales.Domain.Targets;
using StoreSales.Domain.Targets.StoreEvents;
using StoreSales.Testing;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.Grains.Tests;

/// <summary>
/// A rep hears of the sales credited to it after the ledger commit, counts each once, paces them by its store, rebuilds
/// from the ledger whatever it lost, and raises <c>rep-behind-target</c> once per episode for each of its recipients.
/// Each test has a store of its own (08:00–22:00 Shanghai, no history: linear pacing) and the fixture's clock (Wednesday
/// 15:00): half of the day's target is expected by now.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class RepGrainTests(GrainClusterFixture fixture)
{
    private const string Tea = "6920433218190";
    private static readonly DateTimeOffset Now = GrainClusterFixture.Now;

    [Fact]
    public async Task A_rep_counts_each_sale_once_wherever_it_was_rung_up_and_paces_it_by_its_store()
    {
        const string StoreId = "store-rep-count";
        const string RepId = "rep-count-01";
        await fixture.AddStore("store-rep-count-b");
        var rep = await NewRep(StoreId, RepId);

        var first = await rep.ApplySales([new RepSale(StoreId, "T01", 5, Now.AddHours(-2), 200m), new RepSale(StoreId, "T01", 9, Now.AddHours(-1), 100m)]);
        var again = await rep.ApplySales([new RepSale(StoreId, "T01", 5, Now.AddHours(-2), 200m)]);
        // Same terminal and sequence at another store: another sale.
        var elsewhere = await rep.ApplySales([new RepSale("store-rep-count-b", "T01", 5, Now.AddMinutes(-30), 50m)]);
        // Out of order on the same terminal: sequence 7 came after 9.
        var late = await rep.ApplySales([new RepSale(StoreId, "T01", 7, Now.AddMinutes(-90), 25m)]);
        var progress = await rep.GetProgress();

        Assert.Equal((new SalesApplied(2, 0), new SalesApplied(0, 1), new SalesApplied(1, 0), new SalesApplied(1, 0)), (first, again, elsewhere, late));
        Assert.True(progress.Known);
        Assert.Equal((StoreId, "region-east", "Asia/Shanghai"), (progress.StoreId, progress.RegionId, progress.TimeZone));
        Assert.Equal((375m, 4, 375m, 4), (progress.Day.Actual, progress.Day.SalesCount, progress.Month.Actual, progress.Month.SalesCount));
        // November: 30 days of 1,000; at 15:00 of an 08:00–22:00 day half of it is expected (the clock runs on a little).
        Assert.Equal(1000m, progress.Day.Target);
        Assert.InRange(progress.Day.Expected, 500m, 520m);
        Assert.Equal((TargetBand.Red, PaceDirection.Behind), (progress.Day.Status, progress.Day.Direction));
    }

    [Fact]
    public async Task A_rep_that_lost_its_checkpoint_rebuilds_the_same_figures_from_the_ledger()
    {
        const string StoreId = "store-rep-rebuild";
        const string RepId = "rep-rebuild-01";
        var rep = await NewRep(StoreId, RepId);
        var ledger = new SaleLedger(fixture.Database.DataSource);

        // Checkpointed: two of the rep's sales, a sale of nobody's in between, and one of last month.
        await Ingest(ledger, rep, StoreId, Credited(RepId, Sale("T01", 1, Now.AddHours(-3), (Tea, 2, 50m))), Sale("T01", 2, Now.AddHours(-3), (Tea, 1, 999m)), Credited(RepId, Sale("T01", 3, Now.AddHours(-2), (Tea, 1, 30m))));
        await Ingest(ledger, rep, StoreId, Credited(RepId, Sale("T02", 1, Now.AddMonths(-1), (Tea, 1, 5000m))));
        await Deactivate(rep, RepId);

        // Counted in memory only, then the silo "dies" before the checkpoint.
        await Ingest(ledger, rep, StoreId, Credited(RepId, Sale("T01", 5, Now.AddHours(-1), (Tea, 1, 20m))));
        var beforeCrash = await rep.GetProgress();
        fixture.Storage.Crash(RepId);
        await Deactivate(rep, RepId);

        // And a sale the rep never heard of: its ApplySales was lost after the ledger commit.
        await ledger.Append(StoreId, [Credited(RepId, Sale("T02", 2, Now.AddMinutes(-10), (Tea, 1, 7m)))], TestContext.Current.CancellationToken);

        var after = await Eventually.Until(rep.GetProgress, p => p.Day.SalesCount == 4);
        var retried = await rep.ApplySales([new RepSale(StoreId, "T01", 5, Now.AddHours(-1), 20m)]);

        Assert.Equal((150m, 3), (beforeCrash.Day.Actual, beforeCrash.Day.SalesCount));
        Assert.Equal((157m, 4, 157m, 4), (after.Day.Actual, after.Day.SalesCount, after.Month.Actual, after.Month.SalesCount));
        Assert.Equal(await LedgerMonth(RepId), after.Month.Actual);
        Assert.True(after.Version > beforeCrash.Version, "the rebuilt rep's version stays above what it showed before");
        Assert.Equal(new SalesApplied(0, 1), retried);
    }

    [Fact]
    public async Task A_rep_catches_up_with_sales_whose_ApplySales_never_arrived()
    {
        const string StoreId = "store-rep-catchup";
        const string RepId = "rep-catchup-01";
        var rep = await NewRep(StoreId, RepId);
        var ledger = new SaleLedger(fixture.Database.DataSource);
        await Ingest(ledger, rep, StoreId, Credited(RepId, Sale("T01", 1, Now.AddHours(-1), (Tea, 1, 10m))));

        await ledger.Append(StoreId, [Credited(RepId, Sale("T01", 4, Now.AddMinutes(-20), (Tea, 1, 20m))), Credited(RepId, Sale("T03", 1, Now.AddMinutes(-5), (Tea, 1, 30m)))], TestContext.Current.CancellationToken);
        var caughtUp = await rep.CatchUpFromLedger();
        var again = await rep.CatchUpFromLedger();
        var progress = await rep.GetProgress();

        Assert.Equal(new SalesApplied(2, 0), caughtUp);
        Assert.Equal(new SalesApplied(0, 0), again);
        Assert.Equal((60m, 3), (progress.Day.Actual, progress.Day.SalesCount));
    }

    [Fact]
    public async Task A_rep_id_missing_from_master_data_counts_nothing_and_says_so()
    {
        var rep = fixture.Grains.GetGrain<IRepGrain>("rep-nobody-knows");

        var applied = await rep.ApplySales([new RepSale("store-sh001", "T01", 1, Now, 10m)]);
        var progress = await rep.GetProgress();

        Assert.Equal(new SalesApplied(0, 0), applied);
        Assert.False(progress.Known);
        Assert.Equal(PeriodProgressEmpty, (progress.Day, progress.Month));
    }

    [Fact]
    public async Task A_rep_behind_target_raises_rep_behind_target_once_for_each_recipient()
    {
        const string StoreId = "store-rep-alert";
        const string RepId = "rep-alert-01";
        var rep = await NewRep(StoreId, RepId);
        var ledger = new SaleLedger(fixture.Database.DataSource);

        // 10 sold by 15:00 against 500 expected: red and behind. The alerts are judged in the rep's timer, after the call.
        await Ingest(ledger, rep, StoreId, Credited(RepId, Sale("T01", 1, Now.AddHours(-1), (Tea, 1, 10m))));
        var rows = await Eventually.Until(() => Alerts(RepId), a => a.Count == 2);

        Assert.Equal(
            [("rep", StoreId, "region-east", "high", $"store-manager:{StoreId}"), ("rep", StoreId, "region-east", "medium", "supervisor:region-east")],
            rows.Select(r => (r.SubjectKind, r.StoreId, r.RegionId, r.Severity, r.Assignee)).OrderBy(r => r.Severity));
        Assert.All(rows, r => Assert.EndsWith("/rep-behind-target#1", r.AlertId, StringComparison.Ordinal));
        var evidence = (await fixture.Grains.GetGrain<IInterventionGrain>(rows[0].AlertId.Split('#')[0]).GetCurrent())!.Evidence;
        Assert.Equal(10m, evidence.Actual);
        Assert.InRange(evidence.Expected!.Value, 500m, 520m);
        Assert.StartsWith($"{RepId} ({StoreId}): today 10 against 5", evidence.Summary, StringComparison.Ordinal);

        // Both recipients resolve their alert while the rep is still behind: the episode goes on, so the sales that follow
        // (each judged again) raise nothing new. A rule that raised on every judgement would open a #2 for each.
        foreach (var row in rows)
        {
            var resolved = await fixture.Grains.GetGrain<IInterventionGrain>(row.AlertId.Split('#')[0]).Act(InterventionAction.Resolve, "test.manager", "coached at the counter");
            Assert.True(resolved.Accepted, resolved.RefusedBecause);
        }

        for (var sequence = 2; sequence <= 4; sequence++)
        {
            await Ingest(ledger, rep, StoreId, Credited(RepId, Sale("T01", sequence, Now.AddMinutes(-30 + sequence), (Tea, 1, 1m))));
        }

        var later = await Eventually.Until(() => Alerts(RepId), a => a.Count > 2, TimeSpan.FromSeconds(2));
        Assert.Equal(2, later.Count);
    }

    [Fact]
    public async Task A_rep_behind_while_the_store_is_closed_by_an_event_raises_nothing_until_the_closure_ends()
    {
        const string StoreId = "store-rep-alert-closed";
        const string RepId = "rep-alert-closed-01";
        var rep = await NewRep(StoreId, RepId);
        var ledger = new SaleLedger(fixture.Database.DataSource);
        // An outage from 12:00 to 18:00 Shanghai (04:00–10:00 UTC), under way at 15:00: nobody can act on the floor.
        var book = new StoreEventBook(fixture.Database.DataSource, TimeProvider.System);
        var outage = await book.Record(
            StoreId,
            new StoreEventSpec(StoreEventKinds.Outage, new DateTimeOffset(2026, 11, 11, 4, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 11, 10, 0, 0, TimeSpan.Zero), true, null, "power cut"),
            "test",
            TestContext.Current.CancellationToken);
        await rep.ReloadTarget();

        // 10 sold against some 280 expected by 12:00: red and behind, yet inside the closure.
        await Ingest(ledger, rep, StoreId, Credited(RepId, Sale("T01", 1, Now.AddHours(-4), (Tea, 1, 10m))));
        var day = (await rep.GetProgress()).Day;
        Assert.Equal((TargetBand.Red, PaceDirection.Behind), (day.Status, day.Direction));
        var quiet = await Eventually.Until(() => Alerts(RepId), a => a.Count > 0, TimeSpan.FromSeconds(2));
        Assert.Empty(quiet);

        // The closure is cancelled (the power came back): the rep is judged as any other.
        await book.Cancel(outage.EventId, "test", TestContext.Current.CancellationToken);
        await rep.ReloadTarget();
        var raised = await Eventually.Until(() => Alerts(RepId), a => a.Count == 2);
        Assert.Equal(2, raised.Count);
    }

    /// <summary>A store of its own in master data and a rep of it with a target of 30,000 this month (1,000 a day).</summary>
    private async Task<IRepGrain> NewRep(string storeId, string repId)
    {
        await fixture.AddStore(storeId);
        await fixture.AddRep(repId, storeId, 30_000m);
        return fixture.Grains.GetGrain<IRepGrain>(repId);
    }

    private static readonly (PeriodProgress, PeriodProgress) PeriodProgressEmpty =
        (PeriodProgress.Empty, PeriodProgress.Empty);

    private static StoreSales.Contracts.Ingest.SaleRecord Credited(string repId, StoreSales.Contracts.Ingest.SaleRecord sale) => sale with { RepId = repId };

    private async Task<List<AlertRow>> Alerts(string repId)
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return [.. await connection.QueryAsync<AlertRow>(
            """
            SELECT alert_id AS AlertId, subject_kind AS SubjectKind, store_id AS StoreId, region_id AS RegionId, severity AS Severity, assignee AS Assignee
            FROM intervention WHERE condition = 'rep-behind-target' AND subject_id = @repId ORDER BY alert_id
            """,
            new { repId })];
    }

    /// <summary>What the ingest API does: the ledger first, then the rep (the store grain plays no part here).</summary>
    private static async Task Ingest(SaleLedger ledger, IRepGrain rep, string storeId, params StoreSales.Contracts.Ingest.SaleRecord[] sales)
    {
        await ledger.Append(storeId, sales, TestContext.Current.CancellationToken);
        await rep.ApplySales([.. sales.Where(s => s.RepId is not null).Select(s => new RepSale(storeId, s.TerminalId, s.Sequence, s.RungUpAt, s.Total))]);
    }

    /// <summary>Deactivates the rep and waits until its deactivation tried to write (kept or lost) its checkpoint.</summary>
    private async Task Deactivate(IRepGrain rep, string repId)
    {
        var writes = fixture.Storage.Writes(repId);
        await rep.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        Assert.True(await Eventually.Until(() => fixture.Storage.Writes(repId) > writes), "the deactivation wrote a checkpoint");
    }

    private async Task<decimal> LedgerMonth(string repId)
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<decimal>(
            "SELECT coalesce(sum(total), 0) FROM sale WHERE rep_id = @repId AND rung_up_at >= @from",
            new { repId, from = new DateTimeOffset(Now.Year, Now.Month, 1, 0, 0, 0, Now.Offset).UtcDateTime });
    }

    private sealed record AlertRow(string AlertId, string SubjectKind, string StoreId, string RegionId, string Severity, string Assignee);
}
