using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using StoreSales.Contracts.Health;
using StoreSales.Contracts.Ingest;
using StoreSales.Testing;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.Integration.Tests;

/// <summary>
/// The silo's Limits (issue 12) with low values from configuration: a store key over its allowance is answered 429
/// with Retry-After and another store is not; a body over its endpoint kind's size is answered 413; both are problem
/// details naming the Limits key, both counted, and nothing of a refused request is recorded.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class RequestLimitTests(RequestLimitTests.LimitedSilo fixture) : IClassFixture<RequestLimitTests.LimitedSilo>
{
    private const int StorePermits = 5;
    private const long IngestBytes = 8192;
    private const long OtherBytes = 2048;
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_store_over_its_allowance_is_told_to_wait_and_another_store_is_not()
    {
        using var counted = new LimitRefusals(fixture.Silo.Services);
        using var sh002 = fixture.Silo.CreateClient("demo-key-store-sh002");
        using var gz001 = fixture.Silo.CreateClient("demo-key-store-gz001");
        for (var sequence = 1; sequence <= StorePermits; sequence++)
        {
            using var allowed = await sh002.PostAsJsonAsync("/api/stores/store-sh002/sales/batches", OneSale("Q01", sequence), Cancellation);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await sh002.PostAsJsonAsync("/api/stores/store-sh002/sales/batches", OneSale("Q01", StorePermits + 1), Cancellation);
        using var otherStore = await gz001.PostAsJsonAsync("/api/stores/store-gz001/sales/batches", OneSale("Q02", 1), Cancellation);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        var problem = await Problem(refused);
        Assert.Equal("Limits:StoreRequestsPerWindow", problem.GetProperty("limit").GetString());
        Assert.Contains("store-sh002", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, otherStore.StatusCode);
        Assert.Equal(StorePermits, await fixture.Database.Count("SELECT count(*) FROM sale WHERE store_id = 'store-sh002' AND terminal_id = 'Q01'"));
        Assert.Contains(("Limits:StoreRequestsPerWindow", 429), counted.Seen);
    }

    [Fact]
    public async Task A_batch_over_the_ingest_body_size_is_refused_whole_whether_its_length_is_declared_or_not()
    {
        using var counted = new LimitRefusals(fixture.Silo.Services);
        using var agent = fixture.Silo.CreateClient("demo-key-store-sh001");
        var large = new SaleBatch { Sales = [.. Enumerable.Range(1, 60).Select(i => Sale("Q03", i, DateTimeOffset.UtcNow, ("6920433218190", 1, 2m), ("6970013389086", 2, 3m)))] };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(large, Web);
        Assert.True(bytes.Length > IngestBytes, $"the batch has {bytes.Length} bytes");

        using var declared = await agent.PostAsync("/api/stores/store-sh001/sales/batches", Json(bytes), Cancellation);
        using var chunked = await agent.PostAsJsonAsync("/api/stores/store-sh001/sales/batches", large, Cancellation);
        using var smaller = await agent.PostAsJsonAsync("/api/stores/store-sh001/sales/batches", new SaleBatch { Sales = [.. large.Sales.Take(10)] }, Cancellation);

        foreach (var response in (HttpResponseMessage[])[declared, chunked])
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            var problem = await Problem(response);
            Assert.Equal("Limits:MaxIngestBodyBytes", problem.GetProperty("limit").GetString());
            Assert.Equal(IngestBytes, problem.GetProperty("maxBytes").GetInt64());
        }

        Assert.Equal(HttpStatusCode.OK, smaller.StatusCode);
        Assert.Equal(10, await fixture.Database.Count("SELECT count(*) FROM sale WHERE terminal_id = 'Q03'"));
        Assert.Equal(2, counted.Seen.Count(s => s == ("Limits:MaxIngestBodyBytes", 413)));
    }

    [Fact]
    public async Task A_heartbeat_has_the_smaller_size_of_every_other_request()
    {
        using var counted = new LimitRefusals(fixture.Silo.Services);
        using var agent = fixture.Silo.CreateClient("demo-key-store-hz001");
        var heartbeat = new AgentHeartbeat { AgentId = "pc-1", AgentVersion = new string('v', (int)OtherBytes), SentAt = DateTimeOffset.UtcNow };
        var sales = new SaleBatch { Sales = [.. Enumerable.Range(1, 12).Select(i => Sale("Q04", i, DateTimeOffset.UtcNow, ("6920433218190", 1, 2m)))] };
        Assert.InRange(JsonSerializer.SerializeToUtf8Bytes(sales, Web).Length, OtherBytes + 1, IngestBytes);

        using var refused = await agent.PostAsJsonAsync("/api/stores/store-hz001/heartbeats", heartbeat, Cancellation);
        using var batch = await agent.PostAsJsonAsync("/api/stores/store-hz001/sales/batches", sales, Cancellation);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Equal("Limits:MaxBodyBytes", (await Problem(refused)).GetProperty("limit").GetString());
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        Assert.Contains(("Limits:MaxBodyBytes", 413), counted.Seen);
    }

    private static SaleBatch OneSale(string terminal, long sequence) =>
        new() { Sales = [Sale(terminal, sequence, DateTimeOffset.UtcNow, ("6920433218190", 1, 2m))] };

    private static ByteArrayContent Json(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");
        return content;
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
    }

    /// <summary>A silo whose Limits are low enough to meet in a test: 5 requests a minute per store, 8 KiB batches, 2 KiB else.</summary>
    public sealed class LimitedSilo : IAsyncLifetime
    {
        public TestDatabase Database { get; private set; } = null!;

        public SiloUnderTest Silo { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Database = await TestDatabase.Create("limits");
            Silo = await SiloUnderTest.Start(Database, "limits-" + Guid.NewGuid().ToString("N")[..8], new Dictionary<string, string?>
            {
                ["Limits:StoreRequestsPerWindow"] = StorePermits.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Limits:StoreWindow"] = "00:01:00",
                ["Limits:MaxIngestBodyBytes"] = IngestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Limits:MaxBodyBytes"] = OtherBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        }

        public async ValueTask DisposeAsync()
        {
            if (Silo is not null)
            {
                await Silo.DisposeAsync();
            }

            if (Database is not null)
            {
                await Database.DisposeAsync();
            }
        }
    }
}
