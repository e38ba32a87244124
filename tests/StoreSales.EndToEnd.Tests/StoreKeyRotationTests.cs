using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StoreSales.CommandCenter.Access;
using StoreSales.Contracts.Ingest;
using StoreSales.Data.Access;
using StoreSales.Edge;
using StoreSales.Edge.Outbox;
using StoreSales.Edge.Upload;
using StoreSales.Testing;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// Store keys an operator can run (issue 12): an administrator issues, rotates and revokes a store's key over the API and
/// the CLI; during the rotation overlap both keys work; a revoked key is refused within <c>Access:StoreKeyRecheck</c>; the
/// agent, restarted with the new key, sends what waited in its outbox, losing nothing.
/// </summary>
public sealed class StoreKeyRotationTests(StoreKeyRotationTests.KeyChain chain) : IClassFixture<StoreKeyRotationTests.KeyChain>
{
    private const string StoreId = "store-hz001";
    private const string Terminal = "T08";
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_key_rotated_then_revoked_hands_over_to_the_new_one_and_the_agent_keeps_its_outbox()
    {
        using var admin = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Admin);
        var issuedAt = DateTimeOffset.UtcNow;
        var first = await Read<StoreKeyEndpoints.IssuedStoreKeyView>(await admin.PostAsJsonAsync("/api/admin/store-keys", new { storeId = StoreId, label = "back office PC" }, Cancellation), HttpStatusCode.Created);
        Assert.StartsWith("ssk_", first.Key);
        Assert.Equal(first.Key[..StoreKeys.PrefixLength], first.Entry.Prefix);
        Assert.True(first.Entry.Active);

        // Listed by id and prefix only: the secret is nowhere in the list, nor in the table.
        var listing = await admin.GetStringAsync($"/api/admin/store-keys?storeId={StoreId}", Cancellation);
        Assert.Contains(first.Entry.KeyId, listing);
        Assert.DoesNotContain(first.Key, listing);
        Assert.Equal(0, await chain.Database.Count("SELECT count(*) FROM store_api_key WHERE @key IN (label, prefix, key_id, coalesce(issued_by, ''))", new { key = first.Key }));
        Assert.Equal(1, await chain.Database.Count("SELECT count(*) FROM store_api_key WHERE key_hash = @hash", new { hash = StoreKeys.Hash(first.Key) }));

        using var directory = new TempDirectory();
        var outboxPath = directory.File("outbox.db");
        var agent = StartAgent(outboxPath, first.Key);
        try
        {
            await Sell(agent, 5);
            await Eventually.Holds(() => Outbox(agent).Queue.Depth == 0, "the agent sent its sales with the first key", TimeSpan.FromSeconds(30), Cancellation);

            // Rotation: a successor, and the old key working for Access:StoreKeyOverlap (2 days by default) beside it.
            var second = await Read<StoreKeyEndpoints.IssuedStoreKeyView>(await admin.PostAsync($"/api/admin/store-keys/{first.Entry.KeyId}/rotate", null, Cancellation), HttpStatusCode.Created);
            Assert.NotEqual(first.Key, second.Key);
            Assert.Equal(second.Entry.KeyId, second.Replaces!.ReplacedBy);
            Assert.InRange(second.Replaces.ExpiresAt!.Value, issuedAt + TimeSpan.FromDays(2) - TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow + TimeSpan.FromDays(2));
            Assert.Equal(HttpStatusCode.OK, await Post(first.Key, "X01"));
            Assert.Equal(HttpStatusCode.OK, await Post(second.Key, "X02"));

            // Revoked: the silo refuses the old key once its answer is rechecked (Access:StoreKeyRecheck, 200 ms here).
            var revoked = await Read<StoreKeyEndpoints.StoreKeyView>(await admin.PostAsync($"/api/admin/store-keys/{first.Entry.KeyId}/revoke", null, Cancellation), HttpStatusCode.OK);
            Assert.False(revoked.Active);
            Assert.Equal(DemoLogins.Admin, revoked.RevokedBy);
            await Eventually.Holds(async () => await Post(first.Key, "X03") == HttpStatusCode.Unauthorized, "the revoked key is refused", TimeSpan.FromSeconds(10), Cancellation);

            // The agent still holds the old key: its new sales wait in the outbox.
            await Sell(agent, 5);
            var counters = agent.Services.GetRequiredService<UploadCounters>();
            var refusedBefore = counters.AuthFailures;
            await Eventually.Holds(() => counters.AuthFailures > refusedBefore, "the agent is refused with the revoked key", TimeSpan.FromSeconds(30), Cancellation);
            Assert.Equal(5, Outbox(agent).Queue.Depth);
            await agent.StopAsync(Cancellation);
            agent.Dispose();

            // Given the new key (configuration changed, service restarted), the same outbox goes on: nothing lost.
            agent = StartAgent(outboxPath, second.Key);
            await Eventually.Holds(() => Outbox(agent).Queue.Depth == 0, "the restarted agent sent what waited", TimeSpan.FromSeconds(30), Cancellation);
            Assert.Equal(10, await chain.Database.Count("SELECT count(*) FROM sale WHERE store_id = @StoreId AND terminal_id = @Terminal", new { StoreId, Terminal }));
        }
        finally
        {
            await agent.StopAsync(CancellationToken.None);
            agent.Dispose();
        }
    }

    [Theory]
    [InlineData(DemoLogins.Sh001Manager)]
    [InlineData(DemoLogins.Hq)]
    [InlineData(null)]
    public async Task Only_an_administrator_runs_store_keys_and_every_refusal_says_why(string? user)
    {
        using var http = user is null ? chain.CommandCenter.CreateClient() : await chain.CommandCenter.CreateSignedInClient(user);
        var expected = user is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;

        using var list = await http.GetAsync("/api/admin/store-keys", Cancellation);
        using var issue = await http.PostAsJsonAsync("/api/admin/store-keys", new { storeId = StoreId }, Cancellation);
        using var rotate = await http.PostAsync("/api/admin/store-keys/0123456789ab/rotate", null, Cancellation);
        using var revoke = await http.PostAsync("/api/admin/store-keys/0123456789ab/revoke", null, Cancellation);

        Assert.All([list, issue, rotate, revoke], r => Assert.Equal(expected, r.StatusCode));
        if (user is not null)
        {
            Assert.Contains("administrator", await issue.Content.ReadAsStringAsync(Cancellation));
            Assert.Equal("application/problem+json", issue.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task An_administrator_is_told_what_is_unknown_or_missing()
    {
        using var admin = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Admin);

        using var noStore = await admin.PostAsJsonAsync("/api/admin/store-keys", new { label = "x" }, Cancellation);
        using var unknownStore = await admin.PostAsJsonAsync("/api/admin/store-keys", new { storeId = "store-nowhere" }, Cancellation);
        using var unknownKey = await admin.PostAsync("/api/admin/store-keys/0123456789ab/rotate", null, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, noStore.StatusCode);
        Assert.Contains("storeId", await noStore.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(HttpStatusCode.NotFound, unknownStore.StatusCode);
        Assert.Contains("store-nowhere", await unknownStore.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(HttpStatusCode.NotFound, unknownKey.StatusCode);
        Assert.Contains("0123456789ab", await unknownKey.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task The_cli_issues_a_key_the_silo_takes_and_revokes_it()
    {
        var connection = $"--ConnectionStrings:StoreSales={chain.Database.ConnectionString}";
        var issued = new StringWriter();
        var problems = new StringWriter();

        var code = await StoreKeyCommand.Run(["issue", "--store", StoreId, "--label", "till PC 2", "--by", "ops", connection], issued, problems);

        Assert.Equal(0, code);
        var key = issued.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        Assert.StartsWith("ssk_", key);
        Assert.Equal(HttpStatusCode.OK, await Post(key, "C01"));
        var keyId = Convert.ToHexStringLower(StoreKeys.Hash(key))[..12];

        var listed = new StringWriter();
        Assert.Equal(0, await StoreKeyCommand.Run(["list", "--store", StoreId, connection], listed, problems));
        Assert.Contains($"{keyId}  {StoreId}  {key[..StoreKeys.PrefixLength]}…  active  \"till PC 2\"", listed.ToString());
        Assert.DoesNotContain(key, listed.ToString());

        Assert.Equal(0, await StoreKeyCommand.Run(["revoke", "--key", keyId, "--by", "ops", connection], new StringWriter(), problems));
        await Eventually.Holds(async () => await Post(key, "C02") == HttpStatusCode.Unauthorized, "the key revoked by the CLI is refused", TimeSpan.FromSeconds(10), Cancellation);
        Assert.Equal(1, await StoreKeyCommand.Run(["revoke", "--key", "0123456789ab", connection], new StringWriter(), problems));
        Assert.Contains("0123456789ab", problems.ToString());
        Assert.Equal(2, await StoreKeyCommand.Run(["issue", connection], new StringWriter(), new StringWriter()));
    }

    private async Task<HttpStatusCode> Post(string key, string terminal)
    {
        using var http = chain.Silo.CreateClient(key);
        var sale = Sale(terminal, Random.Shared.NextInt64(1, 1_000_000_000), DateTimeOffset.UtcNow, ("6920433218190", 1, 2m));
        using var response = await http.PostAsJsonAsync($"/api/stores/{StoreId}/sales/batches", new SaleBatch { Sales = [sale] }, Cancellation);
        return response.StatusCode;
    }

    private IHost StartAgent(string outboxPath, string key)
    {
        var agent = EdgeAgentHost.Build(new Dictionary<string, string?>
        {
            ["Agent:StoreId"] = StoreId,
            ["Agent:ServerUrl"] = chain.Silo.BaseAddress.ToString(),
            ["Agent:StoreKey"] = key,
            ["Agent:OutboxPath"] = outboxPath,
            ["Upload:RetryDelay"] = "00:00:00.050",
            ["Upload:MaxRetryDelay"] = "00:00:00.500",
            ["Upload:AuthFailureDelay"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Critical",
        });
        agent.StartAsync(Cancellation).GetAwaiter().GetResult();
        return agent;
    }

    private static SqliteOutbox Outbox(IHost agent) => agent.Services.GetRequiredService<SqliteOutbox>();

    private static Task Sell(IHost agent, int count)
    {
        var outbox = Outbox(agent);
        for (var i = 0; i < count; i++)
        {
            outbox.Queue.Append(Sale(Terminal, 0, DateTimeOffset.UtcNow, ("6920433218190", 1, 3m)) with { ReceiptNumber = $"K{Guid.NewGuid():N}"[..12] });
        }

        return Task.CompletedTask;
    }

    private static async Task<T> Read<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            Assert.Equal(expected, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<T>(Cancellation))!;
        }
    }

    /// <summary>The demo chain with a silo that rechecks store keys every 200 ms, so a revocation shows within the test.</summary>
    public sealed class KeyChain : IAsyncLifetime
    {
        public TestDatabase Database { get; private set; } = null!;

        public SiloUnderTest Silo { get; private set; } = null!;

        public CommandCenterUnderTest CommandCenter { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            var clusterId = "keys-" + Guid.NewGuid().ToString("N")[..8];
            Database = await TestDatabase.Create("storekeys");
            Silo = await SiloUnderTest.Start(Database, clusterId, new Dictionary<string, string?> { ["Access:StoreKeyRecheck"] = "00:00:00.200" });
            CommandCenter = await CommandCenterUnderTest.Start(Database, clusterId);
        }

        public async ValueTask DisposeAsync()
        {
            if (CommandCenter is not null)
            {
                await CommandCenter.DisposeAsync();
            }

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
