using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using StoreSales.Abstractions.Interventions;
using StoreSales.Abstractions.Stores;
using StoreSales.Contracts.Ingest;
using StoreSales.Domain.Sales;
using StoreSales.Edge;
using StoreSales.Edge.Outbox;
using StoreSales.Testing;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// An edge agent reinstalled on a new PC with an empty outbox (issue 12): its terminal starts a new epoch instead of
/// counting from sequence 1 again, so every sale it sends lands (none dropped as a "duplicate", none doubled), and a batch
/// that does reuse a recorded sequence with other content is refused with 409 and tells the store manager.
/// </summary>
public sealed class AgentReinstallTests
{
    private const string StoreId = "store-hz001";
    private const string StoreKey = "demo-key-store-hz001";
    private const string Terminal = "T09";
    private const int SalesPerInstall = 30;

    [Fact]
    public async Task A_reinstalled_agent_with_an_empty_outbox_lands_every_new_sale_and_a_forged_reuse_is_refused()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.Create("reinstall");
        using var directory = new TempDirectory();
        var outboxPath = directory.File("outbox.db");
        await using var silo = await SiloUnderTest.Start(database, "reinstall-" + Guid.NewGuid().ToString("N")[..8]);
        var store = silo.Grains().GetGrain<IStoreGrain>(StoreId);
        var monthBefore = (await store.GetProgress()).Month.Actual;
        var now = DateTimeOffset.UtcNow;

        // The first PC sells and uploads.
        var first = await SellAndUpload(silo, outboxPath, Sales(now, "A", SalesPerInstall), cancellation);

        // The PC is replaced: the outbox is gone, and the new one is created later (an install takes minutes).
        foreach (var file in Directory.GetFiles(directory.Path, "outbox.db*"))
        {
            File.Delete(file);
        }

        using (new SqliteOutbox(outboxPath, new FakeTimeProvider(now.AddMinutes(20))))
        {
        }

        var second = await SellAndUpload(silo, outboxPath, Sales(now, "B", SalesPerInstall), cancellation);

        // Every sale of both PCs is in the ledger once, each PC's in its own epoch numbered from 1.
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellation);
        var ledger = (await Dapper.SqlMapper.QueryAsync<(string Receipt, decimal Total, long Sequence)>(
            connection,
            "SELECT receipt_number, total, sequence FROM sale WHERE store_id = @StoreId AND terminal_id = @Terminal ORDER BY sequence",
            new { StoreId, Terminal })).ToList();
        Assert.Equal(
            first.Concat(second).Select(s => (s.ReceiptNumber!, s.Total)).Order(),
            ledger.Select(s => (s.Receipt, s.Total)).Order());
        var epochs = ledger.GroupBy(s => TerminalEpoch.Of(s.Sequence)).ToList();
        Assert.Equal(2, epochs.Count);
        Assert.All(epochs, e => Assert.Equal(Enumerable.Range(1, SalesPerInstall).Select(n => (long)n), e.Select(s => TerminalEpoch.NumberOf(s.Sequence))));
        Assert.True(epochs[1].Key > epochs[0].Key);

        // The store's live figures counted the new PC's sales too: nothing counted twice, nothing skipped.
        var expected = monthBefore + first.Concat(second).Sum(s => s.Total);
        await Eventually.Holds(async () => (await store.GetProgress()).Month.Actual == expected, "the month counts every sale of both PCs once", TimeSpan.FromSeconds(20), cancellation);

        // A batch that reuses a recorded sequence with other content: refused whole, named, nothing recorded.
        var recorded = ledger[^1].Sequence;
        var forged = Sale(Terminal, recorded, now, ("6920433218190", 9, 9.99m)) with { ReceiptNumber = "FORGED" };
        var fresh = Sale(Terminal, TerminalEpoch.Sequence(TerminalEpoch.Of(recorded), SalesPerInstall + 1), now, ("6920433218190", 1, 1m)) with { ReceiptNumber = "FRESH" };
        using var agent = silo.CreateClient(StoreKey);
        var response = await agent.PostAsJsonAsync($"/api/stores/{StoreId}/sales/batches", new SaleBatch { BatchId = "forged", Sales = [fresh, forged] }, cancellation);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellation);
        Assert.Equal("sequence-conflict", problem.GetProperty("rule").GetString());
        Assert.Equal(Terminal, problem.GetProperty("terminalId").GetString());
        Assert.Equal(recorded, problem.GetProperty("sequence").GetInt64());
        Assert.Contains($"'{Terminal}'", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await database.Count("SELECT count(*) FROM sale WHERE store_id = @StoreId AND receipt_number IN ('FORGED', 'FRESH')", new { StoreId }));

        // The same sale sent again as it was recorded is still a harmless duplicate.
        var again = first[0] with { Sequence = ledger.Single(s => s.Receipt == first[0].ReceiptNumber).Sequence };
        var ack = await silo.PostSales(StoreId, StoreKey, [again], cancellation);
        Assert.Equal((0, 1), (ack.Accepted, ack.Duplicates));

        // The store manager hears of it: one alert for the terminal today, however many batches conflict.
        var second409 = await agent.PostAsJsonAsync($"/api/stores/{StoreId}/sales/batches", new SaleBatch { BatchId = "forged-again", Sales = [forged] }, cancellation);
        Assert.Equal(HttpStatusCode.Conflict, second409.StatusCode);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var alert = silo.Grains().GetGrain<IInterventionGrain>(InterventionConditions.GrainKey($"{StoreId}/{Terminal}/{day:yyyy-MM-dd}", InterventionConditions.SequenceConflict));
        var raised = await Eventually.Until(() => alert.GetCurrent(), a => a is not null, TimeSpan.FromSeconds(20));
        Assert.Equal($"store-manager:{StoreId}", raised!.Assignee);
        Assert.Equal(Terminal, raised.Evidence.Facts!.TerminalId);
        Assert.Equal(recorded, raised.Evidence.Facts.Sequence);
        Assert.EndsWith("#1", raised.AlertId);
    }

    private static List<SaleRecord> Sales(DateTimeOffset at, string pc, int count) =>
        [.. Enumerable.Range(1, count).Select(i => Sale(Terminal, 0, at, ("6920433218190", 1, 1m + i), ("6970013389086", 2, 0.5m)) with { ReceiptNumber = $"{pc}{i:D4}" })];

    /// <summary>Runs the real agent on the outbox, rings the sales up into it and waits until every one is acked.</summary>
    private static async Task<List<SaleRecord>> SellAndUpload(SiloUnderTest silo, string outboxPath, List<SaleRecord> sales, CancellationToken cancellation)
    {
        using var agent = EdgeAgentHost.Build(new Dictionary<string, string?>
        {
            ["Agent:StoreId"] = StoreId,
            ["Agent:ServerUrl"] = silo.BaseAddress.ToString(),
            ["Agent:StoreKey"] = StoreKey,
            ["Agent:OutboxPath"] = outboxPath,
            ["Agent:BatchSize"] = "7",
            ["Upload:RetryDelay"] = "00:00:00.050",
            ["Upload:MaxRetryDelay"] = "00:00:00.500",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        var outbox = agent.Services.GetRequiredService<SqliteOutbox>();
        await agent.StartAsync(cancellation);
        foreach (var sale in sales)
        {
            outbox.Queue.Append(sale);
        }

        await Eventually.Holds(() => outbox.Queue.Depth == 0, "the agent uploaded every sale", TimeSpan.FromSeconds(60), cancellation);
        Assert.Equal(0, outbox.Rejected.Count);
        await agent.StopAsync(cancellation);
        return sales;
    }
}
