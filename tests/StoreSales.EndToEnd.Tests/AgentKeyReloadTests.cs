using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StoreSales.CommandCenter.Access;
using StoreSales.Contracts.Ingest;
using StoreSales.Edge.Upload;
using StoreSales.Testing;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// The agent takes a new store key without a restart (issue 12): rotated and the old key revoked, the running agent is
/// refused and keeps its sales; given the new key (its key file rewritten, or its configuration reloaded) it sends them
/// from the next request on, the same outbox, nothing lost.
/// </summary>
public sealed class AgentKeyReloadTests(AgentKeyReloadTests.KeyedSilo chain) : IClassFixture<AgentKeyReloadTests.KeyedSilo>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_key_written_to_the_key_file_is_taken_on_the_next_post()
    {
        using var directory = new TempDirectory();
        var keyFile = directory.File("store.key");
        var first = await Issue("store-sz001");
        await File.WriteAllTextAsync(keyFile, first + "\n", Cancellation);
        var agent = await InProcessAgent.Start(chain.Silo, "store-sz001", directory.File("outbox.db"), new Dictionary<string, string?> { ["Agent:StoreKeyFile"] = keyFile }, Cancellation);
        try
        {
            var second = await RotateAndRevoke(agent, "store-sz001", "F01", first);

            await File.WriteAllTextAsync(keyFile, second, Cancellation);

            await Eventually.Holds(() => agent.Outbox().Queue.Depth == 0, "the running agent sent what waited, with the key from the file", TimeSpan.FromSeconds(30), Cancellation);
            Assert.Equal(10, await chain.Database.Count("SELECT count(*) FROM sale WHERE store_id = 'store-sz001' AND terminal_id = 'F01'"));
        }
        finally
        {
            await agent.Stop();
        }
    }

    [Fact]
    public async Task A_key_changed_in_the_configuration_is_taken_when_it_reloads()
    {
        using var directory = new TempDirectory();
        var first = await Issue("store-gz001");
        var agent = await InProcessAgent.Start(chain.Silo, "store-gz001", directory.File("outbox.db"), new Dictionary<string, string?> { ["Agent:StoreKey"] = first }, Cancellation);
        try
        {
            var second = await RotateAndRevoke(agent, "store-gz001", "C01", first);

            // What a changed appsettings.json does: the configuration reloads, the options monitor sees the new key.
            var configuration = (IConfigurationRoot)agent.Services.GetRequiredService<IConfiguration>();
            configuration["Agent:StoreKey"] = second;
            configuration.Reload();

            await Eventually.Holds(() => agent.Outbox().Queue.Depth == 0, "the running agent sent what waited, with the reloaded key", TimeSpan.FromSeconds(30), Cancellation);
            Assert.Equal(10, await chain.Database.Count("SELECT count(*) FROM sale WHERE store_id = 'store-gz001' AND terminal_id = 'C01'"));
        }
        finally
        {
            await agent.Stop();
        }
    }

    /// <summary>
    /// Five sales go with <paramref name="first"/>; then it is rotated and revoked, and five more wait in the outbox while
    /// the agent is refused. Returns the successor key.
    /// </summary>
    private async Task<string> RotateAndRevoke(IHost agent, string storeId, string terminal, string first)
    {
        agent.Sell(terminal, 5);
        await Eventually.Holds(() => agent.Outbox().Queue.Depth == 0, "the agent sent its sales with the first key", TimeSpan.FromSeconds(30), Cancellation);

        var keyId = Convert.ToHexStringLower(StoreSales.Data.Access.StoreKeys.Hash(first))[..12];
        var rotated = new StringWriter();
        Assert.Equal(0, await StoreKeyCommand.Run(["rotate", "--key", keyId, Connection], rotated, new StringWriter()));
        var second = LastLine(rotated);
        Assert.Equal(0, await StoreKeyCommand.Run(["revoke", "--key", keyId, Connection], new StringWriter(), new StringWriter()));
        await Eventually.Holds(async () => await Post(storeId, first) == HttpStatusCode.Unauthorized, "the revoked key is refused", TimeSpan.FromSeconds(10), Cancellation);

        var counters = agent.Services.GetRequiredService<UploadCounters>();
        var refusedBefore = counters.AuthFailures;
        agent.Sell(terminal, 5);
        await Eventually.Holds(() => counters.AuthFailures > refusedBefore, "the agent is refused with the revoked key", TimeSpan.FromSeconds(30), Cancellation);
        Assert.Equal(5, agent.Outbox().Queue.Depth);
        return second;
    }

    private string Connection => $"--ConnectionStrings:StoreSales={chain.Database.ConnectionString}";

    private async Task<string> Issue(string storeId)
    {
        var issued = new StringWriter();
        Assert.Equal(0, await StoreKeyCommand.Run(["issue", "--store", storeId, Connection], issued, new StringWriter()));
        return LastLine(issued);
    }

    private static string LastLine(StringWriter output) =>
        output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];

    private async Task<HttpStatusCode> Post(string storeId, string key)
    {
        using var http = chain.Silo.CreateClient(key);
        var sale = Sale("X01", Random.Shared.NextInt64(1, 1_000_000_000), DateTimeOffset.UtcNow, ("6920433218190", 1, 2m));
        using var response = await http.PostAsJsonAsync($"/api/stores/{storeId}/sales/batches", new SaleBatch { Sales = [sale] }, Cancellation);
        return response.StatusCode;
    }

    /// <summary>The demo chain's silo rechecking store keys every 200 ms, so a revocation shows within the test.</summary>
    public sealed class KeyedSilo : IAsyncLifetime
    {
        public TestDatabase Database { get; private set; } = null!;

        public SiloUnderTest Silo { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Database = await TestDatabase.Create("keyreload");
            Silo = await SiloUnderTest.Start(Database, "keyreload-" + Guid.NewGuid().ToString("N")[..8], new Dictionary<string, string?> { ["Access:StoreKeyRecheck"] = "00:00:00.200" });
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
