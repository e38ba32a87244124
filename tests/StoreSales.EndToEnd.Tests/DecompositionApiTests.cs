using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StoreSales.CommandCenter.Access;
using StoreSales.CommandCenter.Targets;
using StoreSales.Data.Targets;
using StoreSales.Domain.Access;
using StoreSales.Domain.Targets.Decomposition;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// Decomposition (智能目标拆解) and dual-track calibration (双轨校准) on the real command center and PostgreSQL, in a
/// region of its own (three stores: two with last year's month in the ledger, one new with only recent sales): HQ's
/// proposal adds up to the cent and is audited; a correction without a reason is refused naming the field; apply writes
/// every store's target with its audit entry in one go, and only when the split adds up; a frozen month refuses; another
/// region's manager is told the region does not exist.
/// </summary>
public sealed class DecompositionApiTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    private static readonly string[] Staffing = ["staffing"];
    private static readonly string[] Other = ["other"];
    private static readonly string[] StaffingAndCompetitor = ["staffing", "competitor-nearby"];

    private static int _regions;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static DateOnly NextMonth
    {
        get
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            return new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        }
    }

    private static string Text(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Hq_enters_the_regions_target_and_gets_each_stores_share_with_baseline_and_factors_to_the_cent()
    {
        var region = await NewRegion();
        using var hq = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Hq);

        using var response = await hq.PostAsJsonAsync(Url(region, NextMonth), new { amount = 12_345.67m }, Cancellation);
        var body = await Json(response, HttpStatusCode.Created);

        var stores = body.GetProperty("stores").EnumerateArray().ToArray();
        Assert.Equal([region.Old, region.Big, region.New], stores.Select(s => s.GetProperty("storeId").GetString()));
        Assert.Equal(["last-year", "last-year", "recent-run-rate"], stores.Select(s => s.GetProperty("baselineSource").GetString()));
        Assert.Equal([1_000m, 3_000m], stores.Take(2).Select(s => s.GetProperty("baseline").GetDecimal()));
        Assert.Equal(12_345.67m, stores.Sum(s => s.GetProperty("proposed").GetDecimal()));
        Assert.Equal(0m, body.GetProperty("difference").GetDecimal());
        var oldFactors = stores[0].GetProperty("factors").EnumerateArray().ToDictionary(f => f.GetProperty("factor").GetString()!, f => f);
        Assert.Equal(DecompositionFactors.All.Order(), oldFactors.Keys.Order());
        Assert.True(oldFactors[DecompositionFactors.Promotions].GetProperty("amount").GetDecimal() > 0, "the store's promotion in the month lifts its share");
        Assert.False(oldFactors[DecompositionFactors.InventoryTurnover].GetProperty("known").GetBoolean());
        Assert.Equal(1, await chain.Database.Count(
            "SELECT count(*) FROM region_target WHERE region_id = @region AND month = @month AND amount = 12345.67", new { region = region.Id, month = Date(NextMonth) }));
        Assert.Equal(1, await chain.Database.Count(
            "SELECT count(*) FROM target_change WHERE level = 'region' AND subject_id = @region AND source = 'edit' AND new_amount = 12345.67 AND changed_by = 'hq'",
            new { region = region.Id }));

        using var again = await hq.GetAsync(Url(region, NextMonth), Cancellation);
        Assert.Equal(body.GetProperty("proposalId").GetInt64(), (await Json(again, HttpStatusCode.OK)).GetProperty("proposalId").GetInt64());
    }

    [Fact]
    public async Task A_correction_needs_a_reason_and_the_split_is_applied_only_when_it_adds_up()
    {
        var region = await NewRegion();
        using var rejections = new Rejections(chain.CommandCenter.Services.GetRequiredService<IMeterFactory>());
        using var hq = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Hq);
        using var manager = await chain.CommandCenter.CreateSignedInClient(region.ManagerLogin);
        var proposal = await Json(await hq.PostAsJsonAsync(Url(region, NextMonth), new { amount = 10_000m }, Cancellation), HttpStatusCode.Created);
        var proposed = proposal.GetProperty("stores").EnumerateArray().ToDictionary(s => s.GetProperty("storeId").GetString()!, s => s.GetProperty("proposed").GetDecimal());

        await AssertInvalid(await manager.PutAsJsonAsync(Url(region, NextMonth) + $"/stores/{region.Old}", new { amount = 2_000m, reasons = Array.Empty<string>() }, Cancellation), "reasons");
        await AssertInvalid(await manager.PutAsJsonAsync(Url(region, NextMonth) + $"/stores/{region.Old}", new { amount = 2_000m }, Cancellation), "reasons");
        await AssertInvalid(await manager.PutAsJsonAsync(Url(region, NextMonth) + $"/stores/{region.Old}", new { amount = 2_000m, reasons = Other }, Cancellation), "note");
        await AssertRule(await hq.PutAsJsonAsync(Url(region, NextMonth) + $"/stores/{region.Old}", new { amount = 2_000m, reasons = Staffing }, Cancellation), HttpStatusCode.Forbidden, "regional-manager-only");

        var raise = proposed[region.Old] + 500m;
        var corrected = await Json(await manager.PutAsJsonAsync(
            Url(region, NextMonth) + $"/stores/{region.Old}", new { amount = raise, reasons = StaffingAndCompetitor }, Cancellation), HttpStatusCode.OK);
        Assert.Equal(500m, corrected.GetProperty("difference").GetDecimal());
        var old = corrected.GetProperty("stores").EnumerateArray().Single(s => s.GetProperty("storeId").GetString() == region.Old);
        Assert.Equal((proposed[region.Old], raise), (old.GetProperty("proposed").GetDecimal(), old.GetProperty("corrected").GetDecimal()));

        var refused = await AssertInvalid(await manager.PostAsync(Url(region, NextMonth) + "/apply", null, Cancellation), "difference");
        Assert.Equal(500m, refused.GetProperty("difference").GetDecimal());
        Assert.Equal(0, await chain.Database.Count("SELECT count(*) FROM store_target WHERE store_id = ANY(@stores)", new { stores = region.Stores }));

        var lower = proposed[region.Big] - 500m;
        await Json(await manager.PutAsJsonAsync(
            Url(region, NextMonth) + $"/stores/{region.Big}", new { amount = lower, reasons = Other, note = "mall entrance rebuilt" }, Cancellation), HttpStatusCode.OK);
        var applied = await Json(await manager.PostAsync(Url(region, NextMonth) + "/apply", null, Cancellation), HttpStatusCode.OK);

        Assert.Equal(("applied", region.ManagerLogin), (applied.GetProperty("status").GetString(), applied.GetProperty("appliedBy").GetString()));
        await using var connection = await chain.Database.DataSource.OpenConnectionAsync(Cancellation);
        var targets = (await connection.QueryAsync<(string, decimal)>(
            "SELECT store_id, amount FROM store_target WHERE store_id = ANY(@stores) AND month = @month ORDER BY store_id",
            new { stores = region.Stores, month = Date(NextMonth) })).ToArray();
        Assert.Equal([(region.Old, raise), (region.Big, lower), (region.New, proposed[region.New])], targets);
        Assert.Equal(10_000m, targets.Sum(t => t.Item2));
        var audit = (await connection.QueryAsync<(string, string, string)>(
            "SELECT subject_id, changed_by, reason FROM target_change WHERE level = 'store' AND source = 'calibration' AND subject_id = ANY(@stores) ORDER BY subject_id",
            new { stores = region.Stores })).ToArray();
        Assert.Equal(
            [(region.Old, region.ManagerLogin, "calibration: staffing, competitor-nearby"), (region.Big, region.ManagerLogin, "calibration: other (mall entrance rebuilt)"), (region.New, region.ManagerLogin, "decomposition proposal")],
            audit);

        await AssertRule(await manager.PostAsync(Url(region, NextMonth) + "/apply", null, Cancellation), HttpStatusCode.Conflict, "proposal-closed");
        Assert.Contains((DecompositionOperations.Correct, "reasons"), rejections.Seen);
        Assert.Contains((DecompositionOperations.Correct, "note"), rejections.Seen);
        Assert.Contains((DecompositionOperations.Correct, "regional-manager-only"), rejections.Seen);
        Assert.Contains((DecompositionOperations.Apply, "does-not-add-up"), rejections.Seen);
        Assert.Contains((DecompositionOperations.Apply, "proposal-closed"), rejections.Seen);
    }

    [Fact]
    public async Task After_the_freeze_neither_a_new_proposal_nor_an_apply_is_taken()
    {
        var region = await NewRegion();
        var lastMonth = NextMonth.AddMonths(-2);   // over: frozen since its 25th
        var desk = chain.CommandCenter.Services.GetRequiredService<TargetProposals>();
        var split = region.Stores.Select(s => new StoreShareProposal(s, BaselineSource.LastYear, 100m, [], 100m, 100m)).ToArray();

        // The target write path itself refuses a frozen month: the proposal (and its region target) is not kept.
        Assert.Null(await desk.Create(region.Id, lastMonth, 300m, split, "hq", DateTimeOffset.UtcNow, Cancellation));
        Assert.Equal(0, await chain.Database.Count("SELECT count(*) FROM target_proposal WHERE region_id = @id", new { id = region.Id }));

        // A proposal made before the freeze, still open when the month froze.
        await using (var setup = await chain.Database.DataSource.OpenConnectionAsync(Cancellation))
        {
            await setup.ExecuteAsync(
                """
                WITH p AS (
                    INSERT INTO target_proposal (region_id, month, region_amount, proposed_by, proposed_at)
                    VALUES (@id, @month, 300, 'hq', now() - interval '60 days') RETURNING proposal_id)
                INSERT INTO target_proposal_store (proposal_id, store_id, baseline, baseline_source, factors, proposed_amount)
                SELECT p.proposal_id, s, 100, 'last-year', '[]', 100 FROM p, unnest(@stores::text[]) AS s
                """,
                new { id = region.Id, month = lastMonth.ToDateTime(TimeOnly.MinValue), stores = region.Stores.ToArray() });
        }

        using var hq = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Hq);
        using var manager = await chain.CommandCenter.CreateSignedInClient(region.ManagerLogin);

        await AssertRule(await hq.PostAsJsonAsync(Url(region, lastMonth), new { amount = 400m }, Cancellation), HttpStatusCode.Conflict, "target-frozen");
        await AssertRule(await manager.PutAsJsonAsync(Url(region, lastMonth) + $"/stores/{region.Old}", new { amount = 90m, reasons = Staffing }, Cancellation), HttpStatusCode.Conflict, "target-frozen");
        await AssertRule(await manager.PostAsync(Url(region, lastMonth) + "/apply", null, Cancellation), HttpStatusCode.Conflict, "target-frozen");

        Assert.Equal(0, await chain.Database.Count("SELECT count(*) FROM store_target WHERE store_id = ANY(@stores)", new { stores = region.Stores }));
        var read = await Json(await manager.GetAsync(Url(region, lastMonth), Cancellation), HttpStatusCode.OK);
        Assert.True(read.GetProperty("frozen").GetBoolean());
        Assert.Equal(("open", 300m), (read.GetProperty("status").GetString(), read.GetProperty("regionAmount").GetDecimal()));
    }

    [Fact]
    public async Task Another_regions_manager_and_a_store_manager_are_told_the_region_does_not_exist()
    {
        var region = await NewRegion();
        using var hq = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Hq);
        await Json(await hq.PostAsJsonAsync(Url(region, NextMonth), new { amount = 1_000m }, Cancellation), HttpStatusCode.Created);

        foreach (var login in new[] { DemoLogins.EastManager, DemoLogins.Sh001Manager, DemoLogins.Sh001Rep })
        {
            using var outsider = await chain.CommandCenter.CreateSignedInClient(login);
            await AssertRule(await outsider.GetAsync(Url(region, NextMonth), Cancellation), HttpStatusCode.NotFound, "not-found");
            await AssertRule(await outsider.PutAsJsonAsync(Url(region, NextMonth) + $"/stores/{region.Old}", new { amount = 1m, reasons = Staffing }, Cancellation), HttpStatusCode.NotFound, "not-found");
            await AssertRule(await outsider.PostAsync(Url(region, NextMonth) + "/apply", null, Cancellation), HttpStatusCode.NotFound, "not-found");
        }

        await AssertRule(await hq.GetAsync($"/api/targets/decomposition/region-nowhere/{Text(NextMonth)}", Cancellation), HttpStatusCode.NotFound, "not-found");
        await AssertInvalid(await hq.GetAsync($"/api/targets/decomposition/{region.Id}/2026-13", Cancellation), "month");
        await AssertInvalid(await hq.PostAsJsonAsync(Url(region, NextMonth), new { amount = -5m }, Cancellation), "amount");
    }

    private static string Url(TestRegion region, DateOnly month) => $"/api/targets/decomposition/{region.Id}/{Text(month)}";

    private static DateTime Date(DateOnly month) => month.ToDateTime(TimeOnly.MinValue);

    // A region of three stores in Shanghai, its own regional manager, and a ledger: "old" sold 1,000 and "big" 3,000 in
    // the month a year before; "new" opened three weeks ago and sold only since. "old" has a promotion in the month.
    private async Task<TestRegion> NewRegion()
    {
        var n = Interlocked.Increment(ref _regions);
        var id = $"region-t3-{n}-{Guid.NewGuid().ToString("N")[..6]}";
        var region = new TestRegion(id, $"store-{id}-a-old", $"store-{id}-b-big", $"store-{id}-c-new", $"t3.manager{n}.{id[^6..]}");
        await using var connection = await chain.Database.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync("INSERT INTO region (region_id, name) VALUES (@id, @name)", new { id, name = $"T3 {n}" });
        await connection.ExecuteAsync(
            "INSERT INTO store (store_id, name, region_id, time_zone, opens, closes) SELECT s, s, @id, 'Asia/Shanghai', '09:00', '21:00' FROM unnest(@stores::text[]) s",
            new { id, stores = region.Stores });
        var lastYear = new DateTimeOffset(NextMonth.AddYears(-1).ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(8));
        var now = DateTimeOffset.UtcNow;
        await Sale(connection, region.Old, 1, lastYear.AddDays(3), 400m);
        await Sale(connection, region.Old, 2, lastYear.AddDays(10), 600m);
        await Sale(connection, region.Big, 1, lastYear.AddDays(5), 3_000m);
        await Sale(connection, region.New, 1, now.AddDays(-21), 700m);
        await Sale(connection, region.New, 2, now.AddDays(-2), 700m);
        var month = new DateTimeOffset(NextMonth.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
        await connection.ExecuteAsync(
            """
            INSERT INTO store_event (store_id, kind, starts_at, ends_at, closes_store, expected_uplift, recorded_by, recorded_at)
            VALUES (@store, 'promotion', @from, @to, false, 0.25, 'hq', now())
            """,
            new { store = region.Old, from = month.AddDays(4).UtcDateTime, to = month.AddDays(8).UtcDateTime });
        await chain.CommandCenter.EnsureStaff(region.ManagerLogin, ChainRoles.RegionalManager, new Claim(ScopeClaims.Region, id));
        return region;
    }

    private static Task<int> Sale(Npgsql.NpgsqlConnection connection, string store, long sequence, DateTimeOffset at, decimal total) =>
        connection.ExecuteAsync(
            "INSERT INTO sale (store_id, terminal_id, sequence, kind, rung_up_at, captured_at, total) VALUES (@store, 'pos-1', @sequence, 'sale', @at, @at, @total)",
            new { store, sequence, at = at.UtcDateTime, total });

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
            return body;
        }
    }

    private static async Task<JsonElement> AssertInvalid(HttpResponseMessage response, string field)
    {
        var body = await Json(response, HttpStatusCode.BadRequest);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), $"400 names '{field}': {body}");
        return body;
    }

    private static async Task AssertRule(HttpResponseMessage response, HttpStatusCode status, string rule)
    {
        var body = await Json(response, status);
        Assert.Equal(rule, body.GetProperty("rule").GetString());
    }

    private sealed record TestRegion(string Id, string Old, string Big, string New, string ManagerLogin)
    {
        public string[] Stores => [Old, Big, New];
    }

    /// <summary>Decomposition's refusals (operation, rule) as this command center counts them while this is alive.</summary>
    private sealed class Rejections : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<(string, string)> _seen = [];

        public Rejections(IMeterFactory factory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == DecompositionMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name == "storesales.targets.decomposition.rejected")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                var operation = "";
                var rule = "";
                foreach (var tag in tags)
                {
                    operation = tag.Key == "operation" ? (string)tag.Value! : operation;
                    rule = tag.Key == "rule" ? (string)tag.Value! : rule;
                }

                lock (_seen)
                {
                    _seen.Add((operation, rule));
                }
            });
            _listener.Start();
        }

        public IReadOnlyList<(string, string)> Seen
        {
            get
            {
                lock (_seen)
                {
                    return [.. _seen];
                }
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
