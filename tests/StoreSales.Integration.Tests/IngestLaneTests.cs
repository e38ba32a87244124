using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using StoreSales.Contracts.Ingest;
using StoreSales.Testing;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.Integration.Tests;

/// <summary>
/// The ingest API's two lanes through a real silo whose catch-up lane holds one waiting batch. The ledger writer is
/// held (a lock on the rollup's pending tables) so that batches wait for it, as they do when a whole chain reconnects at once.
/// </summary>
public sealed class IngestLaneTests : IAsyncLifetime
{
    private const string Tea = "6920433218190";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private TestDatabase _database = null!;
    private SiloUnderTest _silo = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.Create("lanes");
        _silo = await SiloUnderTest.Start(_database, "lanes-" + Guid.NewGuid().ToString("N")[..8], new Dictionary<string, string?>
        {
            ["Ledger:MaxWaitingCatchUp"] = "1",
            ["Ledger:Writers"] = "1", // the test holds the one writer; a second would take a waiting batch
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_full_catch_up_lane_answers_503_with_retry_after_while_live_sales_still_get_in_and_nothing_is_lost()
    {
        await using var blocker = await _database.DataSource.OpenConnectionAsync(Cancel);
        await using var hold = await blocker.BeginTransactionAsync(Cancel);
        await blocker.ExecuteAsync("LOCK TABLE sale_item_hour_pending_0, sale_item_hour_pending_1 IN SHARE MODE", transaction: hold);

        var first = Post("store-sh001", "demo-key-store-sh001", Batch("A01", 1, catchUp: false));
        await Eventually.Holds(
            async () => await _database.Count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO sale_item_hour_pending_%'") > 0,
            "the ledger writer waits for the rollup's pending table",
            cancellationToken: Cancel);

        // Two backlogs for one waiting place: one waits, the other is told to come back later.
        var backlogs = new[]
        {
            Post("store-sh002", "demo-key-store-sh002", Batch("C01", 1, catchUp: true)),
            Post("store-gz001", "demo-key-store-gz001", Batch("C02", 1, catchUp: true)),
        };
        var refused = await Task.WhenAny(backlogs);
        using (var response = await refused)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
            var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(Cancel);
            Assert.Contains("CatchUp lane", problem!.Detail, StringComparison.Ordinal);
        }

        // The live lane has its own room: a live batch is taken while the backlog lane is full.
        var live = Post("store-hz001", "demo-key-store-hz001", Batch("L01", 1, catchUp: false));
        await hold.CommitAsync(Cancel);

        foreach (var accepted in new[] { first, live, backlogs.Single(b => b != refused) })
        {
            using var response = await accepted;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // The refused backlog, sent again as its agent does after Retry-After, lands.
        var again = refused == backlogs[0]
            ? Post("store-sh002", "demo-key-store-sh002", Batch("C01", 1, catchUp: true))
            : Post("store-gz001", "demo-key-store-gz001", Batch("C02", 1, catchUp: true));
        using (var response = await again)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(4, await _database.Count("SELECT count(*) FROM sale WHERE terminal_id IN ('A01', 'C01', 'C02', 'L01')"));
    }

    private async Task<HttpResponseMessage> Post(string storeId, string key, SaleBatch batch)
    {
        using var agent = _silo.CreateClient(key);
        return await agent.PostAsJsonAsync($"/api/stores/{storeId}/sales/batches", batch, Cancel);
    }

    private static SaleBatch Batch(string terminal, long sequence, bool catchUp) =>
        new() { CatchUp = catchUp, Sales = [Sale(terminal, sequence, Now.AddMinutes(-1), (Tea, 1, 3.50m))] };
}
