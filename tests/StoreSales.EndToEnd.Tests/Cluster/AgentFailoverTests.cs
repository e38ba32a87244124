using System.Globalization;
using System.IO.Ports;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StoreSales.Edge;
using StoreSales.Edge.Status;
using StoreSales.Edge.Upload;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests.Cluster;

/// <summary>
/// An edge agent given both silos' ingest URLs (<c>Agent:ServerUrls</c>) keeps to the first while it answers; when that
/// silo is killed (SIGKILL) the agent's sales and heartbeats go to the second, and the ledger holds every sale rung up,
/// each once.
/// </summary>
public sealed class AgentFailoverTests
{
    private const string StoreId = "store-hz001";
    private const string Terminal = "T03";

    [Fact]
    public async Task Sales_go_to_the_next_silo_when_the_first_is_killed_and_none_is_lost_or_doubled()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.Create("failover");
        await using var cluster = await ClusterUnderTest.Start(database, silos: 2, commandCenters: 0, cancellationToken: cancellation);
        using var directory = new TempDirectory();
        await using var till = await SocatPair.StartAsync(directory.Path, "till", cancellation);
        using var agent = EdgeAgentHost.Build(new Dictionary<string, string?>
        {
            ["Agent:StoreId"] = StoreId,
            ["Agent:ServerUrls:0"] = cluster.Silos[0].BaseAddress.ToString(),
            ["Agent:ServerUrls:1"] = cluster.Silos[1].BaseAddress.ToString(),
            ["Agent:StoreKey"] = "demo-key-store-hz001",
            ["Agent:OutboxPath"] = directory.File("outbox.db"),
            ["Agent:HeartbeatInterval"] = "00:00:01",
            ["Terminals:0:TerminalId"] = Terminal,
            ["Terminals:0:TillPort"] = till.AgentEnd,
            ["Upload:RetryDelay"] = "00:00:00.050",
            ["Upload:MaxRetryDelay"] = "00:00:00.500",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await agent.StartAsync(cancellation);
        var failover = agent.Services.GetRequiredService<ServerFailover>();
        var heartbeats = agent.Services.GetRequiredService<HeartbeatSender>();
        try
        {
            using var device = new SerialPort(till.DeviceEnd, 9600);
            device.Open();
            for (var i = 1; i <= 5; i++)
            {
                RingUp(device, i);
                await Eventually.Holds(async () => await LedgerCount(database) == i, $"sale {i} in the ledger", TimeSpan.FromSeconds(30), cancellation);
            }

            // The agent starts on the first URL; on a loaded machine a slow answer can already have moved it to the second.
            // Either way the silo it sends to now is the one killed, and the other must take its sales.
            var victim = cluster.Silos.Single(s => s.BaseAddress == failover.Current);
            var survivor = cluster.Silos.Single(s => s != victim);
            await victim.Kill();
            var heartbeatsAtKill = heartbeats.Sent;
            for (var i = 6; i <= 10; i++)
            {
                RingUp(device, i);
                await Eventually.Holds(async () => await LedgerCount(database) == i, $"sale {i} in the ledger after the kill", TimeSpan.FromSeconds(60), cancellation);
            }

            // Where the agent sends now is read through Eventually: a slow answer of the survivor on a loaded machine moves it
            // to the next address (the dead one) for a moment, and the dead one's refusal moves it back.
            await Eventually.Holds(() => failover.Current == survivor.BaseAddress, "the agent sending to the surviving silo", TimeSpan.FromSeconds(30), cancellation);
            await Eventually.Holds(() => heartbeats.Sent > heartbeatsAtKill, "a heartbeat accepted by the second silo", TimeSpan.FromSeconds(30), cancellation);
            var receipts = (await ReadReceipts(database)).ToList();
            Assert.Equal(Enumerable.Range(1, 10).Select(i => $"F{i:D4}"), receipts);
        }
        catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{exception.Message}{Environment.NewLine}{cluster.Tails()}", exception);
        }
        finally
        {
            await agent.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>One sale as the till prints it, receipt F0001…, 10.00 + i.</summary>
    private static void RingUp(SerialPort device, int i)
    {
        var total = 10m + i;
        var at = DateTimeOffset.Now.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        var text = string.Create(CultureInfo.InvariantCulture, $"S|sale|F{i:D4}|{at}|C01||\nL|6920433218190|1|{total}|0|{total}\nT|{total}|cash:{total}\n");
        var bytes = Encoding.UTF8.GetBytes(text);
        device.Write(bytes, 0, bytes.Length);
    }

    private static Task<long> LedgerCount(TestDatabase database) =>
        database.Count("SELECT count(*) FROM sale WHERE store_id = @StoreId AND terminal_id = @Terminal", new { StoreId, Terminal });

    private static async Task<IEnumerable<string>> ReadReceipts(TestDatabase database)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return await Dapper.SqlMapper.QueryAsync<string>(
            connection, "SELECT receipt_number FROM sale WHERE store_id = @StoreId AND terminal_id = @Terminal ORDER BY receipt_number", new { StoreId, Terminal });
    }
}
