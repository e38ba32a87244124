using System.Globalization;
using System.IO.Ports;
using System.Text;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// Nothing lost, nothing doubled: the till rings up sales while the server is down, then the agent (a real
/// process) is killed with SIGKILL twice in the middle of uploading its backlog. Afterwards the ledger holds
/// exactly the till's sales: every one, each once.
/// </summary>
public sealed class AgentCrashTests
{
    private const string StoreId = "store-hz001";
    private const int Sales = 120;

    [Fact]
    public async Task Killing_the_agent_mid_upload_loses_and_doubles_nothing()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.Create("crash");
        using var directory = new TempDirectory();
        await using var till = await SocatPair.StartAsync(directory.Path, "till", cancellation);
        var siloPort = FreeTcpPort.Next();
        string[] agentArgs =
        [
            Path.Combine(AppContext.BaseDirectory, "StoreSales.Edge.dll"),
            $"--Agent:StoreId={StoreId}",
            $"--Agent:ServerUrl=http://127.0.0.1:{siloPort}",
            "--Agent:StoreKey=demo-key-store-hz001",
            $"--Agent:OutboxPath={directory.File("outbox.db")}",
            "--Agent:BatchSize=4",
            "--Terminals:0:TerminalId=T07",
            $"--Terminals:0:TillPort={till.AgentEnd}",
            "--Upload:RetryDelay=00:00:00.050",
            "--Upload:MaxRetryDelay=00:00:00.500",
            "--Logging:LogLevel:Default=Warning",
        ];

        // The server is down: the till's sales can only go to the agent's outbox.
        var agent = AgentProcess.Start(agentArgs);
        try
        {
            var expected = await RingUp(till.DeviceEnd, cancellation);
            await Eventually.Holds(() => OutboxDepth(directory.File("outbox.db")) == Sales, "every sale is in the outbox", TimeSpan.FromSeconds(30), cancellation);

            await using var silo = await SiloUnderTest.Start(database, "crash-" + Guid.NewGuid().ToString("N")[..8], httpPort: siloPort);
            var recordedAtKills = new List<long>();
            foreach (var killAt in new[] { 20, 60 })
            {
                await Eventually.HoldsPromptly(async () => await LedgerCount(database) >= killAt, $"{killAt} sales in the ledger", TimeSpan.FromSeconds(60), cancellation);
                agent.Kill(entireProcessTree: true);
                recordedAtKills.Add(await LedgerCount(database));
                await agent.WaitForExitAsync(cancellation);
                agent.Dispose();
                agent = AgentProcess.Start(agentArgs);
            }

            // The kills hit the upload in the middle, not after it.
            Assert.All(recordedAtKills, count => Assert.InRange(count, 1, Sales - 1));
            await Eventually.Holds(async () => await LedgerCount(database) == Sales && OutboxDepth(directory.File("outbox.db")) == 0, "the ledger holds every sale and the outbox is empty", TimeSpan.FromSeconds(60), cancellation);
            await using var connection = await database.DataSource.OpenConnectionAsync(cancellation);
            var ledger = (await Dapper.SqlMapper.QueryAsync<(string Receipt, decimal Total, long Sequence)>(
                connection,
                "SELECT receipt_number, total, sequence FROM sale WHERE store_id = @StoreId AND terminal_id = 'T07' ORDER BY sequence",
                new { StoreId })).ToList();

            Assert.Equal(expected, ledger.Select(s => (s.Receipt, s.Total)).OrderBy(s => s.Receipt, StringComparer.Ordinal));
            // One epoch (the outbox's), numbered 1 to Sales without a gap or a repeat.
            Assert.Single(ledger.Select(s => StoreSales.Domain.Sales.TerminalEpoch.Of(s.Sequence)).Distinct());
            Assert.Equal(Enumerable.Range(1, Sales).Select(i => (long)i), ledger.Select(s => StoreSales.Domain.Sales.TerminalEpoch.NumberOf(s.Sequence)));
            Assert.Equal(Sales * 2, await database.Count("SELECT count(*) FROM sale_line WHERE store_id = @StoreId AND terminal_id = 'T07'", new { StoreId }));
        }
        finally
        {
            if (!agent.HasExited)
            {
                agent.Kill(entireProcessTree: true);
            }

            agent.Dispose();
        }
    }

    /// <summary>Writes the sales as the till would and returns (receipt, total) of each, in receipt order.</summary>
    private static async Task<List<(string Receipt, decimal Total)>> RingUp(string devicePath, CancellationToken cancellation)
    {
        var rung = new List<(string, decimal)>();
        using var device = new SerialPort(devicePath, 9600);
        device.Open();
        for (var i = 1; i <= Sales; i++)
        {
            var receipt = $"R{i:D4}";
            var unit = 1m + (i / 100m);
            var total = (2 * unit) + 4m;
            var at = DateTimeOffset.Now.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
            var text = string.Create(CultureInfo.InvariantCulture, $"S|sale|{receipt}|{at}|C01||\nL|6920433218190|2|{unit}|0|{2 * unit}\nL|6970013389086|1|4.00|0|4.00\nT|{total}|cash:{total}\n");
            var bytes = Encoding.UTF8.GetBytes(text);
            device.Write(bytes, 0, bytes.Length);
            rung.Add((receipt, total));
            await Task.Delay(2, cancellation);
        }

        return rung;
    }

    private static long OutboxDepth(string path) => AgentProcess.OutboxRows(path, "outbox");

    private static Task<long> LedgerCount(TestDatabase database) =>
        database.Count("SELECT count(*) FROM sale WHERE store_id = @StoreId AND terminal_id = 'T07'", new { StoreId });
}
